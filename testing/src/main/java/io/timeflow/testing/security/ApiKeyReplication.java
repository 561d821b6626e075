package io.timeflow.testing.security;

import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.staging.ApiKeyCreated;
import io.timeflow.events.staging.ApiKeyRevoked;
import io.timeflow.testing.TopicProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * What a service that does not issue API keys must do with them: refuse a key it has not heard of,
 * accept it once the {@code api-key.created} event of {@code timeflow.staging.v1} reached it, and
 * refuse it again once the {@code api-key.revoked} event did. The events are put on the topic as
 * staging-service's relay would, each among records that are not key events (of a type a later version
 * publishes), as on a topic where most records are other consumers' business; the waits are for the
 * consumer, not measurements.
 */
public final class ApiKeyReplication {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI url;

    /** @param url an operation a {@code viewer} may call (GET) */
    public ApiKeyReplication(URI url) {
        this.url = url;
    }

    /**
     * @param keyId  the key's id
     * @param key    the key as a script would send it
     * @param digest its digest under the service's data-encryption key
     */
    public void check(UUID keyId, String key, String digest) throws IOException, InterruptedException {
        int before = status(key);
        if (before != 401) {
            throw new AssertionError("a key no service issued was answered " + before + " instead of 401");
        }
        otherRecords();
        TopicProbe.publish(new ApiKeyCreated(keyId.toString(), "replication-check", "viewer", digest, "admin-user",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        otherRecords();
        awaitStatus(key, 200, "the key once its creation arrived");
        otherRecords();
        TopicProbe.publish(new ApiKeyRevoked(keyId.toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        otherRecords();
        awaitStatus(key, 401, "the key once its revocation arrived");
    }

    /** A few records of the topic that are no key events: every consumer of this version passes over them. */
    private static void otherRecords() {
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            TopicProbe.send("timeflow.staging.v1", id, Map.of(
                    CloudEventHeaders.SPEC_VERSION, "1.0",
                    CloudEventHeaders.ID, id,
                    CloudEventHeaders.TYPE, "io.timeflow.staging.later-version-event.v1",
                    CloudEventHeaders.SOURCE, "/timeflow/staging-service",
                    CloudEventHeaders.SUBJECT, id,
                    CloudEventHeaders.TIME, Instant.now().toString(),
                    CloudEventHeaders.CONTENT_TYPE, "application/json"), "{\"id\":\"" + id + "\"}");
        }
    }

    private void awaitStatus(String key, int expected, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int last;
        do {
            last = status(key);
            if (last == expected) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + " was still answered " + last + " instead of " + expected);
    }

    private int status(String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
