package io.timeflow.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Makes a workload process's calls and writes each one into the history with its answer: OK;
 * REFUSED for a 4xx (with the problem's code) or a connection refused before anything was sent;
 * UNKNOWN for a timeout, a connection lost after sending, or a 5xx.
 */
public final class Recorder {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How the result of a refusal starts when the problem names the state of what it refused. */
    static final String STATE_PREFIX = "status=";

    /** What a call got. */
    public record Answer<T>(Op op, T value, JsonNode problem) {

        public boolean ok() {
            return op.ok();
        }

        public boolean unknown() {
            return op.unknown();
        }

        public boolean refused() {
            return op.refused();
        }

        public boolean refusedWith(String code) {
            return op.refused() && code.equals(op.code());
        }

        public int status() {
            return op.status();
        }

        /** A member of the problem's {@code context}, or null. */
        public String context(String name) {
            JsonNode v = problem == null ? null : problem.path("context").get(name);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    /** How a failed call is classified. */
    record Failure(Op.Outcome outcome, int status, String code, JsonNode problem) {
    }

    private final History history;
    private final String process;

    public Recorder(History history, String process) {
        this.history = history;
        this.process = process;
    }

    public String process() {
        return process;
    }

    public History history() {
        return history;
    }

    public <T> Answer<T> call(String f, Map<String, String> keys, String args, Callable<T> call,
            Function<T, String> describe) {
        return call(f, keys, args, call, describe, v -> Map.of());
    }

    /**
     * Makes the call and records it; {@code learned} adds keys the answer tells (the id of what was
     * created), so that the history can be sliced by them.
     */
    public <T> Answer<T> call(String f, Map<String, String> keys, String args, Callable<T> call,
            Function<T, String> describe, Function<T, Map<String, String>> learned) {
        long start = history.now();
        try {
            T value = call.call();
            String result = value == null ? "" : describe.apply(value);
            Map<String, String> all = keys;
            if (value != null) {
                Map<String, String> more = learned.apply(value);
                if (!more.isEmpty()) {
                    all = new java.util.LinkedHashMap<>(keys);
                    all.putAll(more);
                }
            }
            Op op = history.add(process, f, all, args, Op.Outcome.OK, 200, "", result, start, history.now());
            return new Answer<>(op, value, null);
        } catch (Exception e) {
            Failure failure = classify(e);
            String detail = failure.problem() == null ? "" : failure.problem().path("detail").asText("");
            JsonNode status = failure.problem() == null ? null : failure.problem().path("context").get("status");
            if (status != null && !status.isNull()) {
                // the state the refused object is in: an answer the checker may rely on
                detail = STATE_PREFIX + status.asText() + "; " + detail;
            }
            Op op = history.add(process, f, keys, args, failure.outcome(), failure.status(), failure.code(),
                    shorten(detail), start, history.now());
            return new Answer<>(op, null, failure.problem());
        }
    }

    static Failure classify(Throwable e) {
        int status = -1;
        String body = null;
        Throwable cause = e.getCause();
        if (e instanceof io.timeflow.client.staging.ApiException a) {
            status = a.getCode();
            body = a.getResponseBody();
        } else if (e instanceof io.timeflow.client.snapshot.ApiException a) {
            status = a.getCode();
            body = a.getResponseBody();
        } else if (e instanceof io.timeflow.client.plugin.ApiException a) {
            status = a.getCode();
            body = a.getResponseBody();
        } else if (e instanceof io.timeflow.client.backup.ApiException a) {
            status = a.getCode();
            body = a.getResponseBody();
        } else {
            cause = e;
        }
        if (status >= 400) {
            JsonNode problem = parse(body);
            String code = problem == null ? "" : problem.path("code").asText("");
            return new Failure(status >= 500 ? Op.Outcome.UNKNOWN : Op.Outcome.REFUSED, status,
                    code.isEmpty() ? "HTTP_" + status : code, problem);
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                // nothing reached the service
                return new Failure(Op.Outcome.REFUSED, 0, "CONNECTION_REFUSED", null);
            }
            if (t instanceof InterruptedIOException) {
                return new Failure(Op.Outcome.UNKNOWN, 0, "TIMEOUT", null);
            }
        }
        String what = cause == null ? e.getClass().getSimpleName() : cause.getClass().getSimpleName();
        return new Failure(Op.Outcome.UNKNOWN, 0, "NO_ANSWER:" + what, null);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }

    /** The state a refusal named ({@code status} of the problem's context), or null. */
    static String refusedState(Op op) {
        String r = op.result();
        if (!op.refused() || r == null || !r.startsWith(STATE_PREFIX)) {
            return null;
        }
        int end = r.indexOf(';');
        return r.substring(STATE_PREFIX.length(), end < 0 ? r.length() : end);
    }
}
