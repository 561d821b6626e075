package io.timeflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP/1.1 with a bearer token, as a client of the suite's APIs; a status other than the one expected fails. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String token;

    Http(String token) {
        this.token = token;
    }

    /** The answer's body and how long the call took, in nanoseconds. */
    record Answer(JsonNode body, long nanos) {
    }

    Answer send(String method, String url, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        long t = System.nanoTime();
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - t;
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + " (expected " + expected
                    + "): " + r.body());
        }
        return new Answer(r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()), nanos);
    }

    JsonNode post(String url, String body, int expected) throws Exception {
        return send("POST", url, body, expected).body();
    }

    JsonNode get(String url) throws Exception {
        return send("GET", url, null, 200).body();
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
