package io.timeflow.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal a client can act on: an entry of the service's problem-code catalogue ({@link ProblemCode}: the
 * stable code, its status and title) and what went wrong this time. Domain services throw it; the mapper renders
 * it as {@code application/problem+json}.
 */
public class ProblemException extends RuntimeException {

    private final ProblemCode problem;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> context;

    /** The problem {@code problem} of the service's catalogue, {@code detail} saying what went wrong this time. */
    public ProblemException(ProblemCode problem, String detail) {
        this(problem, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemCode problem, String detail, List<Problem.FieldError> errors,
            Map<String, Object> context) {
        super(detail);
        this.problem = problem;
        this.errors = List.copyOf(errors);
        this.context = new LinkedHashMap<>(context);
    }

    /** Shorthand for {@code new ProblemException(problem, detail)}. */
    public static ProblemException of(ProblemCode problem, String detail) {
        return new ProblemException(problem, detail);
    }

    /** 404: the named resource does not exist. */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(CommonProblem.NOT_FOUND, what + " " + id + " does not exist",
                List.of(), Map.of("resource", what, "id", String.valueOf(id)));
    }

    /** 400 naming one offending field. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(CommonProblem.VALIDATION_FAILED, field + ": " + message,
                List.of(new Problem.FieldError(field, message)), Map.of());
    }

    /** Adds a fact to the problem's {@code context} (e.g. the id of a conflicting resource). */
    public ProblemException with(String key, Object value) {
        context.put(key, value);
        return this;
    }

    /** The catalogue entry this problem was made from. */
    public ProblemCode problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public String code() {
        return problem.code();
    }

    public String title() {
        return problem.title();
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> context() {
        return context;
    }
}
