package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timeflow.testing.Infra;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TimeflowTestResource;
import io.timeflow.testing.security.SecretScan;
import java.sql.Connection;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay secret: a run of backup-service (a backup taken, verified with the configured
 * passphrase and with a wrong one, read) lets neither passphrase, nor the data-encryption key, nor
 * the database password out through the log, the events on timeflow.backup.v1 or the answers.
 */
@QuarkusTest
class SecretScanTest {

    @Inject
    @ConfigProperty(name = "timeflow.backup.passphrase")
    String passphrase;

    @Test
    void aBackupRunLetsNoPassphraseOrKeyOutThroughLogsEventsOrAnswers() throws Exception {
        String wrongPassphrase = "wrong-" + UUID.randomUUID();
        String admin = TestTokens.forRoles("backup-admin");
        SuiteFixture.migrateServiceSchemas();
        try (Connection c = SuiteFixture.superuser()) {
            SuiteFixture.fill(c, "scan-" + UUID.randomUUID(), 20);
        }
        try (SecretScan scan = SecretScan.start()) {
            scan.secret("backup passphrase", passphrase)
                    .secret("wrong passphrase", wrongPassphrase)
                    .secret("data-encryption key", TimeflowTestResource.TEST_ENCRYPTION_KEY)
                    .secret("database password", Infra.ROLE_PASSWORD)
                    .secret("backup-admin token", admin);

            String id = SuiteFixture.backup();
            Response verified = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body("{\"passphrase\": \"" + passphrase + "\"}").post("/api/v1/backups/" + id + "/verification");
            scan.output("verification", verified.asString());
            assertThat(verified.statusCode()).isEqualTo(200);
            Response wrong = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body("{\"passphrase\": \"" + wrongPassphrase + "\"}").post("/api/v1/backups/" + id + "/verification");
            scan.output("verification with a wrong passphrase", wrong.asString());
            assertThat(wrong.statusCode()).isEqualTo(422);
            for (String path : new String[] {"/api/v1/backups/" + id, "/api/v1/backups?limit=500",
                    "/api/v1/backups/" + id + "/history", "/api/v1/backup-schedule"}) {
                Response read = given().auth().oauth2(admin).get(path);
                scan.output("GET " + path, read.asString());
                assertThat(read.statusCode()).isEqualTo(200);
            }

            assertThat(scan.logRecords()).as("the run was logged").isPositive();
            assertThat(scan.assertNoSecretIn("timeflow.backup.v1")).isGreaterThan(5);
        }
    }
}
