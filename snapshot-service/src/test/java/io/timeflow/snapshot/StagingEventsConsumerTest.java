package io.timeflow.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventJson;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * snapshot-service's view of environments comes only from {@code timeflow.staging.v1}, through the
 * real broker, as staging-service's relay publishes it; a redelivered event is applied once.
 */
@QuarkusTest
class StagingEventsConsumerTest {

    static final String TOPIC = "timeflow.staging.v1";

    @Inject
    AgroalDataSource db;

    /** Puts an event on the topic exactly as staging-service's outbox relay does. */
    static Map<String, String> publish(EnvironmentRegistered event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.TYPE, "io.timeflow.staging.environment.registered.v1");
        headers.put(CloudEventHeaders.SOURCE, "/timeflow/staging-service");
        headers.put(CloudEventHeaders.SUBJECT, event.environmentId());
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        TopicProbe.send(TOPIC, event.environmentId(), headers, EventJson.write(event));
        return headers;
    }

    static EnvironmentRegistered registered(String id, String name, String zone) {
        return new EnvironmentRegistered(id, name, "sqlstage-02", "WINDOWS", zone, "C:\\Delphix", Instant.now());
    }

    @Test
    void anEnvironmentRegisteredInStagingBecomesAKnownTargetEnvironment() {
        String id = UUID.randomUUID().toString();
        publish(registered(id, "paris-stage", "Europe/Paris"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.forRoles("viewer")).when().get("/api/v1/target-environments/" + id)
                        .then().statusCode(200)
                        .body("name", equalTo("paris-stage"))
                        .body("timeZone", equalTo("Europe/Paris")));
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnceAndDoesNotUndoALaterOne() throws Exception {
        String id = UUID.randomUUID().toString();
        Map<String, String> first = publish(registered(id, "first-name", "UTC"));
        publish(registered(id, "second-name", "Asia/Tokyo"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.admin()).get("/api/v1/target-environments/" + id)
                        .then().statusCode(200).body("name", equalTo("second-name")));

        // the broker delivers the first event again, same ce_id: it must not be applied a second time
        TopicProbe.send(TOPIC, id, first, EventJson.write(registered(id, "first-name", "UTC")));
        String marker = UUID.randomUUID().toString();
        publish(registered(marker, "marker", "UTC"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.admin()).get("/api/v1/target-environments/" + marker)
                        .then().statusCode(200));

        given().auth().oauth2(TestTokens.admin()).get("/api/v1/target-environments/" + id)
                .then().statusCode(200).body("name", equalTo("second-name")).body("timeZone", equalTo("Asia/Tokyo"));
        assertThat(inboxRows(first.get(CloudEventHeaders.ID))).isEqualTo(1);
    }

    @Test
    void anEnvironmentNotYetKnownIs404() {
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/target-environments/" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    private long inboxRows(String eventId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from inbox where event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
