package io.timeflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * A service's refusal as a generated client reports it: the HTTP status and the stable {@code code}
 * of the application/problem+json body.
 */
public record Refusal(int status, String code, String detail) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The refusal carried by one of the four clients' ApiException, if {@code e} is one. */
    public static Optional<Refusal> of(Throwable e) {
        if (e instanceof io.timeflow.client.staging.ApiException a) {
            return Optional.of(parse(a.getCode(), a.getResponseBody()));
        }
        if (e instanceof io.timeflow.client.snapshot.ApiException a) {
            return Optional.of(parse(a.getCode(), a.getResponseBody()));
        }
        if (e instanceof io.timeflow.client.plugin.ApiException a) {
            return Optional.of(parse(a.getCode(), a.getResponseBody()));
        }
        if (e instanceof io.timeflow.client.backup.ApiException a) {
            return Optional.of(parse(a.getCode(), a.getResponseBody()));
        }
        return Optional.empty();
    }

    static Refusal parse(int status, String body) {
        if (body == null || body.isBlank()) {
            return new Refusal(status, "", "");
        }
        try {
            JsonNode problem = JSON.readTree(body);
            return new Refusal(status, problem.path("code").asText(""), problem.path("detail").asText(""));
        } catch (Exception e) {
            return new Refusal(status, "", "");
        }
    }

    @Override
    public String toString() {
        return status + " " + code + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
