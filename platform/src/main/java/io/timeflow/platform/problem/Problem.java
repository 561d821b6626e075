package io.timeflow.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}. {@code type} is
 * {@code urn:timeflow:problem:<code in kebab case>} and {@code code} the same in upper snake case:
 * both are stable and meant for programs; {@code title} and {@code detail} are for people.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details with a stable machine-readable code.")
public record Problem(
        @Schema(description = "URN naming the kind of problem", examples = "urn:timeflow:problem:validation-failed")
        String type,
        @Schema(description = "Short summary of the kind of problem", examples = "Request is not valid")
        String title,
        @Schema(description = "HTTP status code", examples = "400")
        int status,
        @Schema(description = "What went wrong in this occurrence")
        String detail,
        @Schema(description = "The request path")
        String instance,
        @Schema(description = "Stable machine-readable code", examples = "VALIDATION_FAILED")
        String code,
        @Schema(description = "Field-level errors, one per offending field")
        List<FieldError> errors,
        @Schema(description = "Further facts about this occurrence (ids of conflicting resources and the like)")
        Map<String, Object> context) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field: its path in the request body (e.g. {@code hooks[0].shell}) or parameter name. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }

    public static String typeOf(String code) {
        return "urn:timeflow:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
