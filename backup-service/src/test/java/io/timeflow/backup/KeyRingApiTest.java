package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.timeflow.platform.crypto.DataKeyTable;
import io.timeflow.platform.crypto.KeyRing;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TimeflowTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The key ring across the services' schemas (ADR 90): listed by key id, never a key; a rotation makes
 * a new key active in every schema at once and marks the others retiring, each service's re-seal pass
 * then retires them (here backup-service's own, the one service running); refused while a backup or
 * restore runs; new backups carry the new key.
 */
@QuarkusTest
class KeyRingApiTest {

    static final String INSTALLATION_KEY_ID = KeyRing.idOf(Base64.getDecoder().decode(TimeflowTestResource.TEST_ENCRYPTION_KEY));

    @Inject
    RestoreGate gate;

    @BeforeAll
    static void suite() throws Exception {
        SuiteFixture.migrateServiceSchemas();
    }

    @AfterEach
    void forgetTheRotation() throws Exception {
        gate.release();
        SuiteFixture.forgetKeyRings();
    }

    @Test
    void theKeyRingNamesEachKeyByItsIdInEveryServiceAndNeverShowsAKey() {
        String body = given().auth().oauth2(TestTokens.forRoles("backup-admin")).get("/api/v1/data-keys")
                .then().statusCode(200)
                .body("installationKeyId", equalTo(INSTALLATION_KEY_ID))
                .body("activeKeyId", equalTo(INSTALLATION_KEY_ID))
                .body("rotationInProgress", equalTo(false))
                .body("keys[0].state", equalTo("ACTIVE"))
                .body("keys[0].services.schema", hasItems("staging", "snapshot", "backup"))
                .extract().asString();
        assertThat(body).doesNotContain(TimeflowTestResource.TEST_ENCRYPTION_KEY);
        given().auth().oauth2(TestTokens.forRoles("viewer")).get("/api/v1/data-keys").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRoles("backup-admin")).post("/api/v1/data-keys/rotations")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void aRotationMakesANewKeyActiveEverywhereAndTheOldOneIsRetiredOnceNothingIsSealedWithIt() throws Exception {
        JsonPath rotated = given().auth().oauth2(TestTokens.forRoles("admin")).post("/api/v1/data-keys/rotations")
                .then().statusCode(202).header("Location", containsString("/api/v1/data-keys"))
                .body("activeKeyId", not(equalTo(INSTALLATION_KEY_ID)))
                .body("rotationInProgress", equalTo(true))
                .extract().jsonPath();
        String newKey = rotated.getString("activeKeyId");
        try (Connection c = SuiteFixture.superuser()) {
            for (String schema : List.of("staging", "snapshot", "backup")) {
                List<DataKeyTable.Row> rows = DataKeyTable.read(c, schema);
                assertThat(rows).as(schema).filteredOn(r -> r.keyId().equals(newKey)).singleElement()
                        .satisfies(r -> assertThat(r.state()).isEqualTo(KeyRing.State.ACTIVE))
                        .satisfies(r -> assertThat(r.wrappedBy()).isEqualTo(INSTALLATION_KEY_ID));
                assertThat(rows).as(schema).filteredOn(r -> r.keyId().equals(INSTALLATION_KEY_ID)).singleElement()
                        .satisfies(r -> assertThat(r.state()).isEqualTo(KeyRing.State.RETIRING));
            }
        }
        // backup-service's own pass retires the old key in its schema (nothing there is sealed with it); the other
        // services' schemas keep it RETIRING until their own passes run
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.forRoles("backup-admin")).get("/api/v1/data-keys").then().statusCode(200)
                        .body("keys.find { it.keyId == '" + INSTALLATION_KEY_ID + "' }.services.find { it.schema == 'backup' }"
                                + ".state", equalTo("RETIRED"))
                        .body("keys.find { it.keyId == '" + INSTALLATION_KEY_ID + "' }.services.find { it.schema == 'staging' }"
                                + ".state", equalTo("RETIRING"))
                        .body("rotationInProgress", equalTo(true)));

        // backups carry the new key from now on
        String backupId = SuiteFixture.backup();
        given().auth().oauth2(TestTokens.forRoles("backup-admin")).get("/api/v1/backups/" + backupId).then()
                .statusCode(200).body("dataKeyFingerprint", equalTo(newKey));
    }

    @Test
    void aRotationIsRefusedWhileARestoreRuns() throws Exception {
        String backupId = SuiteFixture.backup();
        gate.holdAt("LOAD_TABLE");
        String location = given().auth().oauth2(TestTokens.forRoles("backup-admin")).contentType(ContentType.JSON)
                .body("{\"backupId\": \"" + backupId + "\", \"confirm\": \"" + backupId + "\"}").post("/api/v1/restores")
                .then().statusCode(202).extract().header("Location");
        gate.awaitReached();
        given().auth().oauth2(TestTokens.forRoles("admin")).post("/api/v1/data-keys/rotations")
                .then().statusCode(409).body("code", equalTo("OPERATION_IN_PROGRESS"));
        gate.release();
        assertThat(SuiteFixture.awaitJob(location.substring(location.indexOf("/api/"))).getString("state"))
                .isEqualTo("SUCCEEDED");
        given().auth().oauth2(TestTokens.forRoles("backup-admin")).get("/api/v1/data-keys").then().statusCode(200)
                .body("activeKeyId", equalTo(INSTALLATION_KEY_ID));
        assertThat(UUID.fromString(backupId)).isNotNull();
    }
}
