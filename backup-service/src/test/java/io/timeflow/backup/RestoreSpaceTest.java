package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.timeflow.testing.TestTokens;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Before a restore starts, the database's free space is checked against what loading the backup beside
 * the live schemas needs (ADR 93): here the database is given a capacity below what it uses, and
 * the restore is refused with both figures, before any job exists.
 */
@QuarkusTest
@TestProfile(RestoreSpaceTest.SmallDatabase.class)
class RestoreSpaceTest {

    /** A database allowed one byte: nothing is free. */
    public static class SmallDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("timeflow.backup.restore.database-capacity", "1");
        }
    }

    @Test
    void aRestoreTheDatabaseHasNoRoomForIsRefusedNamingWhatItNeedsAndWhatIsFree() throws Exception {
        SuiteFixture.migrateServiceSchemas();
        try (Connection c = SuiteFixture.superuser()) {
            SuiteFixture.fill(c, "space-" + UUID.randomUUID(), 50);
        }
        String id = SuiteFixture.backup();
        JsonPath backup = given().auth().oauth2(TestTokens.forRoles("backup-admin")).get("/api/v1/backups/" + id)
                .then().statusCode(200).extract().jsonPath();
        long restoresBefore = given().auth().oauth2(TestTokens.forRoles("viewer")).get("/api/v1/restores")
                .then().statusCode(200).extract().jsonPath().getLong("total");
        given().auth().oauth2(TestTokens.forRoles("backup-admin")).contentType(ContentType.JSON)
                .body("{\"backupId\": \"" + id + "\", \"confirm\": \"" + id + "\"}").post("/api/v1/restores")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("INSUFFICIENT_DATABASE_SPACE"))
                .body("detail", containsString("needs"))
                .body("detail", containsString("is free"))
                .body("context.freeBytes", equalTo(0))
                .body("context.neededBytes", equalTo((int) Math.round(backup.getLong("databaseBytes") * 1.1)));
        assertThat(given().auth().oauth2(TestTokens.forRoles("viewer")).get("/api/v1/restores")
                .then().statusCode(200).extract().jsonPath().getLong("total")).isEqualTo(restoresBefore);
    }
}
