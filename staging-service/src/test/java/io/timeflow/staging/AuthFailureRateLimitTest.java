package io.timeflow.staging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timeflow.platform.security.AuthFailureLimiter;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TimeflowTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authentication failures are rate limited per client address (ADR 0062): past the limit, every
 * call from the address gets 429 problem+json with Retry-After, a valid token too, while calls
 * without any credential are not counted as failures.
 */
@QuarkusTest
class AuthFailureRateLimitTest {

    static final String LOCAL = "127.0.0.1";

    @Inject
    AuthFailureLimiter limiter;

    @BeforeEach
    @AfterEach
    void forgetThisAddress() {
        limiter.forget(LOCAL);
    }

    @Test
    void refusedCredentialsBeyondTheLimitAreAnswered429WithRetryAfter() {
        int refused = 0;
        while (refused < TimeflowTestResource.AUTH_FAILURE_LIMIT) {
            String header = refused % 2 == 0 ? "Authorization" : "X-API-Key";
            String value = refused % 2 == 0 ? "Bearer not-a-token" : "tfk_unknown";
            given().header(header, value).get("/api/v1/environments").then().statusCode(401);
            refused++;
        }
        Response blocked = given().auth().oauth2(TestTokens.forRoles("viewer")).get("/api/v1/environments");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        assertThat(blocked.<String>path("code")).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 60L);

        limiter.forget(LOCAL);
        given().auth().oauth2(TestTokens.forRoles("viewer")).get("/api/v1/environments").then().statusCode(200);
    }

    @Test
    void callsWithoutCredentialsAreNotFailures() {
        for (int i = 0; i < TimeflowTestResource.AUTH_FAILURE_LIMIT + 5; i++) {
            given().get("/api/v1/environments").then().statusCode(401);
        }
        given().auth().oauth2(TestTokens.forRoles("viewer")).get("/api/v1/environments").then().statusCode(200)
                .body("offset", equalTo(0));
    }
}
