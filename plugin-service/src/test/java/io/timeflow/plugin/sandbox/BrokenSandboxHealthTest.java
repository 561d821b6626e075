package io.timeflow.plugin.sandbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sandbox that cannot run the warm-up plugin: the operator set a statement limit far too low for any plugin (one
 * statement per call; loading the plugin's module takes more). The sandbox group answers 503, DOWN, saying why; readiness still answers 200, because
 * reading and writing objects need no sandbox.
 */
@QuarkusTest
@TestProfile(BrokenSandboxHealthTest.TooLowAStatementLimit.class)
class BrokenSandboxHealthTest {

    public static class TooLowAStatementLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("timeflow.plugin.sandbox.statement-limit", "1", "timeflow.plugin.sandbox.warm-up-objects", "10");
        }
    }

    @TestHTTPResource(value = "/health/group/sandbox", management = true)
    URL sandbox;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void theGroupIsDownAndSaysWhyWhileTheServiceStaysReady() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> given().get(sandbox).then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.warmUp", equalTo("failed"))
                .body("checks[0].data.failure", equalTo("the warm-up plugin "
                        + SandboxStop.STATEMENT_LIMIT.description() + " while it loaded")));
        given().get(ready).then().statusCode(200);
    }
}
