package io.timeflow.staging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The event of a change carries the trace context of the request that made it, through the outbox to Kafka. */
@QuarkusTest
class TraceContextTest {

    @Test
    void theEventOfAChangeCarriesTheTraceOfItsRequest() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String id = given().auth().oauth2(TestTokens.admin())
                .header("traceparent", "00-" + traceId + "-" + traceId.substring(16) + "-00")
                .contentType(ContentType.JSON)
                .body(EnvironmentApiTest.body("traced-" + UUID.randomUUID()))
                .post("/api/v1/environments")
                .then().statusCode(201).extract().path("id");

        TopicProbe.Seen seen = TopicProbe.await("timeflow.staging.v1", r -> id.equals(r.key()), Duration.ofSeconds(20));
        assertThat(seen.headers().get(CloudEventHeaders.TRACEPARENT)).startsWith("00-" + traceId + "-");
    }
}
