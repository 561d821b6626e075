package io.timeflow.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal a client can act on, carrying the HTTP status and stable code of its problem+json
 * answer. Domain services throw it (or the helpers below); the mapper renders it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> context;

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of(), Map.of());
    }

    public ProblemException(int status, String code, String title, String detail, List<Problem.FieldError> errors,
            Map<String, Object> context) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.context = new LinkedHashMap<>(context);
    }

    /** 404: the named resource does not exist. */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "NOT_FOUND", "Resource not found", what + " " + id + " does not exist",
                List.of(), Map.of("resource", what, "id", String.valueOf(id)));
    }

    /** 409 with a specific code, e.g. {@code NAME_TAKEN}. */
    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, "Conflict with the current state", detail);
    }

    /** 400 naming one offending field. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "VALIDATION_FAILED", "Request is not valid", field + ": " + message,
                List.of(new Problem.FieldError(field, message)), Map.of());
    }

    /** 422: well-formed, but a rule of the domain refuses it; {@code code} names the rule. */
    public static ProblemException rule(String code, String detail) {
        return new ProblemException(422, code, "Refused by a rule", detail);
    }

    /** Adds a fact to the problem's {@code context} (e.g. the id of a conflicting resource). */
    public ProblemException with(String key, Object value) {
        context.put(key, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> context() {
        return context;
    }
}
