package io.timeflow.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP to staging-service and snapshot-service with the agent's API key. JSON is handled as trees
 * (no reflection on the agent's own classes), which keeps the jar ready for a native image.
 */
public final class SuiteClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status and body ({@code code} of a problem+json body, if any). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String code() {
            return body.path("code").asText("");
        }

        public String detail() {
            return body.path("detail").asText(body.toString());
        }
    }

    /** Which service a call goes to. */
    public enum Service { STAGING, SNAPSHOT }

    private final URI staging;
    private final URI snapshot;
    private final String credential;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public SuiteClient(URI staging, URI snapshot, String credential) {
        this.staging = staging;
        this.snapshot = snapshot;
        this.credential = credential;
    }

    public URI stagingUrl() {
        return staging;
    }

    /** Sends one call; an IOException means the service could not be reached (try again later). */
    public Answer call(Service service, String method, String path, JsonNode body) throws IOException {
        URI base = service == Service.STAGING ? staging : snapshot;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + credential).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = r.body() == null || r.body().isBlank() ? MissingNode.getInstance() : parse(r.body());
            return new Answer(r.statusCode(), parsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("detail", text.length() > 300 ? text.substring(0, 300) : text);
        }
    }
}
