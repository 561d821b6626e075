package io.timeflow.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.timeflow.platform.maintenance.Maintenance;
import io.timeflow.platform.maintenance.MaintenanceGate;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}: a client's mistake is a 4xx naming the
 * offending field; only a fault of the service is a 500, and then without internals (the log
 * carries them under the reference the answer gives). Values the client sent are never echoed,
 * so a sensitive value cannot leak through an error.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** PostgreSQL's code for a statement cancelled (by {@code pg_cancel_backend}, or a statement timeout). */
    private static final String QUERY_CANCELED = "57014";

    private final Instance<MaintenanceGate> maintenance;

    @Inject
    public ProblemMappers(Instance<MaintenanceGate> maintenance) {
        this.maintenance = maintenance;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(Problem.typeOf(e.code()), e.title(), e.status(), e.getMessage(), path(uri), e.code(),
                e.errors(), e.context()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return validation(errors, uri);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return validation(List.of(new Problem.FieldError(jsonPath(e), "is not a known field")), uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return validation(List.of(new Problem.FieldError(jsonPath(e), expectation(e.getTargetType()))), uri);
    }

    @ServerExceptionMapper
    public Response invalidTypeId(InvalidTypeIdException e, UriInfo uri) {
        return validation(List.of(new Problem.FieldError(jsonPath(e), "names an unknown kind")), uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return malformed("the request body must be a JSON object of the documented shape", uri);
        }
        Class<?> target = e.getTargetType();
        String message = target == null ? "has the wrong type" : expectation(target);
        if (e.getMessage() != null && e.getMessage().contains("Null value for creator property")) {
            message = "is required";
        }
        return validation(List.of(new Problem.FieldError(field, message)), uri);
    }

    @ServerExceptionMapper
    public Response otherMapping(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return malformed("the request body does not have the documented shape", uri);
        }
        Throwable cause = e.getCause();
        if (cause instanceof ProblemException p) {
            return problem(p, uri);
        }
        String message = cause instanceof IllegalArgumentException && cause.getMessage() != null
                ? cause.getMessage() : "is not valid";
        return validation(List.of(new Problem.FieldError(field, message)), uri);
    }

    @ServerExceptionMapper
    public Response unreadable(StreamReadException e, UriInfo uri) {
        var location = e.getLocation();
        String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return malformed("the request body is not well-formed JSON" + where, uri);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, UriInfo uri) {
        return malformed("the request body is not well-formed JSON", uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(problem(CommonProblem.FORBIDDEN, "the caller's roles do not allow this operation", uri));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof StreamReadException unreadable) {
            return unreadable(unreadable, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return otherMapping(mapping, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        CommonProblem code = switch (status) {
            case 400 -> CommonProblem.BAD_REQUEST;
            case 403 -> CommonProblem.FORBIDDEN;
            case 404 -> CommonProblem.NOT_FOUND;
            case 405 -> CommonProblem.METHOD_NOT_ALLOWED;
            case 406 -> CommonProblem.NOT_ACCEPTABLE;
            case 409 -> CommonProblem.CONFLICT;
            case 413 -> CommonProblem.PAYLOAD_TOO_LARGE;
            case 415 -> CommonProblem.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> CommonProblem.TOO_MANY_REQUESTS;
            default -> CommonProblem.CLIENT_ERROR;
        };
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Request refused" : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at " + path(uri);
            case 405 -> "this resource does not support the method";
            case 415 -> "send the body as application/json";
            default -> e.getMessage();
        };
        if (status == 401) {
            return unauthenticated(uri);
        }
        return respond(new Problem(code.type(), title, status, detail, path(uri), code.code(), List.of(), Map.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<Maintenance> cancelledBy = cancelledByMaintenance(e);
        if (cancelledBy.isPresent()) {
            // a write that passed the maintenance check just before a restore set its flag, then waited behind
            // the quiesce's locks, was cancelled by the swap (ADR 0042): its transaction rolled back, and its
            // caller gets what any write gets during the restore
            LOG.infof("a write to %s was cancelled by %s %s; answered %s", path(uri),
                    cancelledBy.get().operation().toLowerCase(Locale.ROOT), cancelledBy.get().operationId(),
                    MaintenanceGate.CODE);
            return Response.fromResponse(problem(MaintenanceGate.refusal(cancelledBy.get()), uri))
                    .header("Retry-After", MaintenanceGate.RETRY_AFTER_SECONDS).build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure on %s (reference %s)", path(uri), reference);
        return respond(problem(CommonProblem.INTERNAL_ERROR,
                "the service failed unexpectedly; the operators can find reference " + reference + " in its log", uri,
                List.of(), Map.of("reference", reference)));
    }

    /** The maintenance under way when {@code e} is a statement of this request cancelled; empty otherwise. */
    private Optional<Maintenance> cancelledByMaintenance(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException s && QUERY_CANCELED.equals(s.getSQLState())) {
                return maintenance.isResolvable() ? maintenance.get().current() : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** 400 VALIDATION_FAILED listing the offending fields. */
    public static Response validation(List<Problem.FieldError> errors, UriInfo uri) {
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return respond(problem(CommonProblem.VALIDATION_FAILED, detail, uri, errors, Map.of()));
    }

    private static Response malformed(String detail, UriInfo uri) {
        return respond(problem(CommonProblem.MALFORMED_REQUEST, detail, uri));
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(problem(CommonProblem.UNAUTHORIZED, "send a valid bearer token or API key", uri))
                .build();
    }

    private static Problem problem(ProblemCode code, String detail, UriInfo uri) {
        return problem(code, detail, uri, List.of(), Map.of());
    }

    private static Problem problem(ProblemCode code, String detail, UriInfo uri, List<Problem.FieldError> errors,
            Map<String, Object> context) {
        return new Problem(code.type(), code.title(), code.status(), detail, path(uri), code.code(), errors, context);
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The JSON path of the field Jackson stopped at, e.g. {@code hooks[0].shell}. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String expectation(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        if (target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString).toList();
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
            return "must be a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == UUID.class) {
            return "must be a UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(target)) {
            return "must be an RFC 3339 date-time, e.g. 2026-11-23T08:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    /** {@code create.request.hooks[0].shell} becomes {@code hooks[0].shell}; a parameter keeps its own name. */
    static String fieldOf(ConstraintViolation<?> v) {
        List<String> parts = new ArrayList<>();
        boolean inBody = false;
        for (Iterator<Path.Node> it = v.getPropertyPath().iterator(); it.hasNext(); ) {
            Path.Node node = it.next();
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parts.add(node.getName());
                inBody = true;
                continue;
            }
            String name = node.getName();
            String index = node.getIndex() != null ? "[" + node.getIndex() + "]" : node.getKey() != null ? "[" + node.getKey() + "]" : "";
            if (node.isInIterable() && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
            }
            if (name != null) {
                parts.add(name);
            }
        }
        // the first part of a body path is the Java parameter's name, which the client never sees
        if (inBody && parts.size() > 1) {
            parts.remove(0);
        }
        return String.join(".", parts);
    }
}
