package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timeflow.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * backup-service takes archives of many gigabytes, yet its JSON operations keep the suite's 1M
 * bound on request bodies (ADR 0062): a larger JSON body is refused with 413 problem+json unread.
 */
@QuarkusTest
class BodyLimitTest {

    @Test
    void aJsonBodyOverTheLimitIsRefusedWith413EvenWhereUploadsAreLarge() {
        String big = "{\"cron\": \"" + "0".repeat(1_100_000) + "\"}";
        given().auth().oauth2(TestTokens.forRoles("backup-admin")).contentType(ContentType.JSON).body(big)
                .put("/api/v1/backup-schedule")
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }
}
