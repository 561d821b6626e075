package io.timeflow.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A JSON body is read whole however a client sends it (ADR 0166): a short one with its length is read on the event
 * loop before the resource method runs; one past that read-ahead, one sent in chunks (no length) and one sent after
 * {@code 100-continue} are read by RESTEasy as before. Each restore report below must be recorded as sent.
 */
@QuarkusTest
class RequestBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> post(Api.DS ds, HttpRequest.BodyPublisher body, boolean expectContinue)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/dsources/" + ds.id() + "/restores"))
                .header("Authorization", "Bearer " + TestTokens.forRoles("agent"))
                .header("Content-Type", "application/json")
                .expectContinue(expectContinue)
                .timeout(Duration.ofSeconds(30))
                .POST(body).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String fullRestore() {
        return Api.full("34000000016800037", "34000000021600001", "34000000016800037");
    }

    /** The restore a 201 answered, as a later read of it shows. */
    private static void recordedAsSent(Api.DS ds, HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode started = JSON.readTree(response.body());
        Api.admin().get("/api/v1/dsources/" + ds.id() + "/restores/" + started.path("id").asText())
                .then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("backupSet.type", equalTo("FULL"))
                .body("backupSet.lastLsn", equalTo("34000000021600001"));
    }

    /** Links a dSource and reports its FULL restore with the body sent this way; the restore must be recorded as sent. */
    private void reportedAndRecorded(HttpRequest.BodyPublisher body, boolean expectContinue) throws Exception {
        Api.DS ds = Api.link("RESTORING");
        recordedAsSent(ds, post(ds, body, expectContinue));
    }

    @Test
    void aShortBodyWithItsLengthIsRecorded() throws Exception {
        reportedAndRecorded(HttpRequest.BodyPublishers.ofString(fullRestore()), false);
    }

    @Test
    void aBodyLongerThanTheReadAheadIsRecorded() throws Exception {
        String body = fullRestore();
        // whitespace is JSON too: the same report, 100 KiB long
        String padded = body.substring(0, body.length() - 1) + " ".repeat(100 * 1024) + "}";
        reportedAndRecorded(HttpRequest.BodyPublishers.ofString(padded), false);
    }

    @Test
    void aBodySentInChunksWithoutALengthIsRecorded() throws Exception {
        byte[] body = fullRestore().getBytes(StandardCharsets.UTF_8);
        reportedAndRecorded(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), false);
    }

    @Test
    void aBodySentAfterAskingToContinueIsRecorded() throws Exception {
        reportedAndRecorded(HttpRequest.BodyPublishers.ofString(fullRestore()), true);
    }

    @Test
    void aShortBodyThatIsNotJsonIsAProblemAndNothingIsRecorded() throws Exception {
        Api.DS ds = Api.link("RESTORING");
        HttpResponse<String> response = post(ds, HttpRequest.BodyPublishers.ofString("{\"backupSet\": }"),
                false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        Api.admin().get("/api/v1/dsources/" + ds.id() + "/restores")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }
}
