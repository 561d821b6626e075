package io.timeflow.staging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timeflow.testing.Infra;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TimeflowTestResource;
import io.timeflow.testing.security.SecretScan;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay secret: a full run of staging-service (an environment, a dSource whose hook command
 * holds a credential, refused requests carrying secrets, an API key created, used, revoked and
 * tried again, reads) lets none of the secret values it used out through the log, the events on
 * timeflow.staging.v1 or the answers.
 */
@QuarkusTest
class SecretScanTest {

    @Test
    void aFullRunLetsNoSecretOutThroughLogsEventsOrAnswers() {
        String hookCredential = "hook-pw-" + UUID.randomUUID();
        String admin = TestTokens.admin();
        String viewer = TestTokens.forRoles("viewer");
        try (SecretScan scan = SecretScan.start()) {
            scan.secret("database password", Infra.ROLE_PASSWORD)
                    .secret("data-encryption key", TimeflowTestResource.TEST_ENCRYPTION_KEY)
                    .secret("hook credential", hookCredential)
                    .secret("admin token", admin)
                    .secret("viewer token", viewer);

            Api.Env env = Api.environment("WINDOWS");
            String hook = """
                    {"phase": "PRE_SYNC", "name": "restore latest", "shell": "POWERSHELL",
                     "command": "sqlcmd -U restorer -P %s -i restore.sql"}""".formatted(hookCredential);
            String link = """
                    {"name": "ds-%s", "stagingDatabaseName": "stg_%s", "databaseStateMode": "RESTORING",
                     "environmentId": "%s", "repositoryId": "%s", "hooks": [%s]}""".formatted(UUID.randomUUID(),
                    UUID.randomUUID().toString().substring(0, 8), env.id(), env.repositoryId(), hook);
            Response linked = call(admin).body(link).post("/api/v1/dsources");
            scan.output("link", linked.asString());
            assertThat(linked.statusCode()).isEqualTo(201);
            String dsource = linked.path("id");

            // refusals that carry the secret in the refused field
            Response badMode = call(admin).body(link.replace("\"RESTORING\"", "\"" + hookCredential + "\""))
                    .post("/api/v1/dsources");
            scan.output("link with a secret as the mode", badMode.asString());
            assertThat(badMode.statusCode()).isEqualTo(400);
            Response badHook = call(admin).body("{\"hooks\": [" + hook.replace("POWERSHELL", hookCredential) + "]}")
                    .patch("/api/v1/dsources/" + dsource);
            scan.output("update with a secret as the shell", badHook.asString());
            assertThat(badHook.statusCode()).isEqualTo(400);
            Response badToken = given().auth().oauth2(hookCredential).get("/api/v1/dsources/" + dsource);
            scan.output("a secret as the bearer token", badToken.asString());
            assertThat(badToken.statusCode()).isEqualTo(401);

            // an API key: created (its answer is the one place it is shown), used, revoked, refused
            Response created = call(admin).body("{\"name\": \"hook-sqlstage-01\", \"role\": \"agent\"}")
                    .post("/api/v1/api-keys");
            assertThat(created.statusCode()).isEqualTo(201);
            String key = created.path("key");
            String keyId = created.path("id");
            scan.secret("API key", key);
            scan.output("key creation, the key itself taken out", created.asString().replace(key, "<the key>"));
            Response started = given().header("X-API-Key", key).contentType(ContentType.JSON)
                    .body(Api.full("34000000016800037", "34000000021600001", "34000000016800037"))
                    .post("/api/v1/dsources/" + dsource + "/restores");
            scan.output("restore reported with the key", started.asString());
            assertThat(started.statusCode()).isEqualTo(201);
            Response revoked = call(admin).delete("/api/v1/api-keys/" + keyId);
            scan.output("revocation", revoked.asString());
            Response refused = given().auth().oauth2(key).get("/api/v1/dsources/" + dsource + "/hooks");
            scan.output("the revoked key", refused.asString());
            assertThat(refused.statusCode()).isEqualTo(401);

            // reads
            for (String path : new String[] {"/api/v1/dsources/" + dsource, "/api/v1/dsources?limit=500",
                    "/api/v1/dsources/" + dsource + "/restores", "/api/v1/api-keys?limit=500", "/api/v1/api-keys/" + keyId}) {
                Response read = call(admin).get(path);
                scan.output("GET " + path, read.asString());
                assertThat(read.statusCode()).isEqualTo(200);
            }
            Api.seen(keyId, "io.timeflow.staging.api-key.revoked.v1");

            assertThat(scan.logRecords()).as("the run was logged").isPositive();
            assertThat(scan.assertNoSecretIn("timeflow.staging.v1", "timeflow.snapshot.v1", "timeflow.plugin.v1"))
                    .isGreaterThan(10);
        }
    }

    private static io.restassured.specification.RequestSpecification call(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
