package io.timeflow.backup;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmokeTest {
    @Test
    void starts() {
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/backups").then().log().ifValidationFails().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/backup-schedule").then().log().all().statusCode(200);
    }
}
