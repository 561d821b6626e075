package io.timeflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.console.domain.ChangeFeed;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One server-sent-events stream per browser, fed from the real broker's topics: what arrives, what does
 * not (payloads), and who may open one. staging-service's credential check is a {@link StandInServices}
 * stand-in here; the browser story opens the stream against the real one.
 */
@QuarkusTest
class EventStreamAgainstStandInsTest {

    @TestHTTPResource("/console/events")
    URI events;

    @Inject
    ChangeFeed feed;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Stream<String>> open = new ArrayList<>();

    /** An open stream, its lines as they arrive. */
    record Opened(HttpResponse<Stream<String>> response, BlockingQueue<String> lines) {
        /** The data of the next event of this name (skipping others); fails after the timeout. */
        String next(String event, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String current = null;
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith("event: ")) {
                    current = line.substring(7);
                } else if (line.startsWith("data: ") && event.equals(current)) {
                    return line.substring(6);
                } else if (line.isEmpty()) {
                    current = null;
                }
            }
            throw new AssertionError("no '" + event + "' event within " + timeout + "; left unread: " + lines);
        }
    }

    private Opened open(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(events).header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        open.add(r.body());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                r.body().forEach(lines::add);
            } catch (RuntimeException e) {
                // closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Opened(r, lines);
    }

    @AfterEach
    void closeStreams() {
        open.forEach(Stream::close);
        open.clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.listeners() == 0);
    }

    private static void publish(String topic, String type, String subject, String payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_type", type);
        headers.put("ce_source", "/timeflow/test");
        headers.put("ce_subject", subject);
        headers.put("ce_time", "2026-11-23T08:00:00Z");
        headers.put("ce_actor", "local-admin");
        TopicProbe.send(topic, subject, headers, payload);
    }

    private Opened openLive(String credential) throws Exception {
        StandInServices.ACCEPTED.put(credential, true);
        Opened stream = open(credential);
        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("text/event-stream"));
        // reading the topics from their end: wait until the reader is at it
        String status = stream.next("status", Duration.ofSeconds(30));
        while (!status.contains("\"reading\":true")) {
            status = stream.next("status", Duration.ofSeconds(30));
        }
        return stream;
    }

    @Test
    void aStreamNeedsACredential() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(events).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(r.body()).contains("\"code\":\"UNAUTHORIZED\"");
    }

    @Test
    void aCredentialTheSuiteRefusesGetsTheSuitesAnswer() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(events).header("Authorization", "Bearer not-accepted").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Authentication required");
        assertThat(StandInServices.RECEIVED).anySatisfy(received -> {
            assertThat(received.service()).isEqualTo("staging");
            assertThat(received.path()).isEqualTo("/api/v1/environments");
            assertThat(received.header("Authorization")).isEqualTo("Bearer not-accepted");
        });
    }

    @Test
    void eachEventOnTheTopicsReachesTheBrowserAsAChangeWithoutItsPayload() throws Exception {
        Opened stream = openLive("Bearer viewer-token");
        String dsource = UUID.randomUUID().toString();
        publish("timeflow.staging.v1", "io.timeflow.staging.restore.completed.v1", dsource,
                "{\"dsourceId\":\"" + dsource + "\",\"backupFileLocation\":\"\\\\\\\\backup01\\\\secret-share\"}");
        String change = stream.next("change", Duration.ofSeconds(30));
        assertThat(change).contains("\"service\":\"staging\"")
                .contains("\"type\":\"io.timeflow.staging.restore.completed.v1\"")
                .contains("\"subject\":\"" + dsource + "\"")
                .contains("\"time\":\"2026-11-23T08:00:00Z\"")
                .doesNotContain("secret-share").doesNotContain("local-admin");

        publish("timeflow.backup.v1", "io.timeflow.backup.backup.created.v1", "b-1", "{}");
        assertThat(stream.next("change", Duration.ofSeconds(30))).contains("\"service\":\"backup\"");
    }

    @Test
    void anApiKeyEventDoesNotNameTheKey() throws Exception {
        Opened stream = openLive("Bearer viewer-token");
        String key = UUID.randomUUID().toString();
        publish("timeflow.staging.v1", "io.timeflow.staging.api-key.created.v1", key, "{\"digest\":\"d\"}");
        String change = stream.next("change", Duration.ofSeconds(30));
        assertThat(change).contains("api-key.created").contains("\"subject\":\"\"").doesNotContain(key);
    }

    @Test
    void heartbeatsKeepAnIdleStreamOpen() throws Exception {
        Opened stream = openLive("Bearer viewer-token");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean heard = false;
        while (!heard && System.nanoTime() < deadline) {
            String line = stream.lines().poll(100, TimeUnit.MILLISECONDS);
            heard = ": keep-alive".equals(line);
        }
        assertThat(heard).as("a keep-alive comment").isTrue();
    }

    @Test
    void aStreamEndsWhenItsCredentialStopsBeingAccepted() throws Exception {
        Opened stream = openLive("Bearer revoked-soon");
        StandInServices.ACCEPTED.put("Bearer revoked-soon", false);
        assertThat(stream.next("signed-out", Duration.ofSeconds(15))).contains("\"status\":401");
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.listeners() == 0);
    }

    @Test
    void aReplicaRefusesStreamsBeyondItsLimitSoTheConsolePolls() throws Exception {
        for (int i = 0; i < 3; i++) {
            openLive("Bearer viewer-token");
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(events).header("Authorization", "Bearer viewer-token").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"code\":\"TOO_MANY_STREAMS\"");
    }
}
