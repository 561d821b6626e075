package io.timeflow.plugin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.timeflow.testing.Infra;
import io.timeflow.testing.TimeflowTestResource;
import io.timeflow.testing.security.SecretScan;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay secret: a run of plugin-service (a plugin installed, an object with a
 * {@code format: password} value created, changed, refused with the value in the wrong shape, read)
 * lets none of the secret values out through the log, the events on timeflow.plugin.v1 or the answers.
 */
@QuarkusTest
class SecretScanTest {

    @Test
    void aRunWithPasswordFieldsLetsNoSecretOutThroughLogsEventsOrAnswers() {
        String password = "pw-" + UUID.randomUUID();
        String newPassword = "pw-" + UUID.randomUUID();
        try (SecretScan scan = SecretScan.start()) {
            scan.secret("database password", Infra.ROLE_PASSWORD)
                    .secret("data-encryption key", TimeflowTestResource.TEST_ENCRYPTION_KEY)
                    .secret("object password", password)
                    .secret("new object password", newPassword)
                    .secret("plugin-admin token", Api.ADMIN);

            String plugin = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
            Response created = call().body("{\"type\": \"REPOSITORY\", \"data\": {\"name\": \"main\", \"user\": \"scott\", "
                    + "\"password\": \"" + password + "\"}}").post("/api/v1/plugins/" + plugin + "/objects");
            scan.output("create", created.asString());
            assertThat(created.statusCode()).isEqualTo(201);
            String id = created.path("id");
            Response changed = call().body("{\"data\": {\"name\": \"main\", \"password\": \"" + newPassword + "\"}}")
                    .put("/api/v1/plugins/" + plugin + "/objects/" + id);
            scan.output("update", changed.asString());
            assertThat(changed.statusCode()).isEqualTo(200);
            Response refused = call().body("{\"type\": \"REPOSITORY\", \"data\": {\"password\": \"" + password + "\"}}")
                    .post("/api/v1/plugins/" + plugin + "/objects");
            scan.output("refused create", refused.asString());
            assertThat(refused.statusCode()).isEqualTo(400);
            Response wrongType = call().body("{\"type\": \"REPOSITORY\", \"data\": {\"name\": \"x\", \"user\": {\"p\": \""
                    + password + "\"}}}").post("/api/v1/plugins/" + plugin + "/objects");
            scan.output("refused shape", wrongType.asString());
            assertThat(wrongType.statusCode()).isEqualTo(400);
            for (String path : new String[] {"/api/v1/plugins/" + plugin + "/objects/" + id,
                    "/api/v1/plugins/" + plugin + "/objects?limit=500", "/api/v1/plugins/" + plugin,
                    "/api/v1/plugins/" + plugin + "/history"}) {
                Response read = given().auth().oauth2(Api.VIEWER).get(path);
                scan.output("GET " + path, read.asString());
                assertThat(read.statusCode()).isEqualTo(200);
            }

            assertThat(scan.logRecords()).as("the run was logged").isPositive();
            assertThat(scan.assertNoSecretIn("timeflow.plugin.v1")).isGreaterThan(5);
        }
    }

    private static io.restassured.specification.RequestSpecification call() {
        return given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON);
    }
}
