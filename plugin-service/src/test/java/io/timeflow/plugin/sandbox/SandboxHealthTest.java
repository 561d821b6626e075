package io.timeflow.plugin.sandbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's health group as an operator reads it ({@code /q/health/group/sandbox} on the management port), with
 * the service's test settings: the warm-up builds the engine (and runs no generated objects). The group is UP once
 * the warm-up passed, and readiness stays out of it.
 */
@QuarkusTest
class SandboxHealthTest {

    @TestHTTPResource(value = "/health/group/sandbox", management = true)
    URL sandbox;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void theGroupIsUpOnceTheWarmUpPassed() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> given().get(sandbox).then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("python-sandbox"))
                .body("checks[0].data.warmUp", equalTo("passed")));
        given().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'python-sandbox' }", equalTo(null));
    }
}
