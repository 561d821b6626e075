package io.timeflow.staging.api;

import io.timeflow.platform.problem.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every operation answers 401, 403 and 500 the same way: as {@code application/problem+json}. The
 * annotations name each operation's own refusals; this filter adds the common ones to the document.
 */
public class OpenApiProblems implements OASFilter {

    private static final Map<String, String> COMMON = Map.of(
            "401", "No valid bearer token (UNAUTHORIZED)",
            "403", "The caller's roles do not allow this operation (FORBIDDEN)",
            "500", "A fault of the service; the answer names a reference found in its log (INTERNAL_ERROR)");

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        COMMON.forEach((code, description) -> {
            APIResponse response = OASFactory.createAPIResponse()
                    .description(description)
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
            responses.addAPIResponse(code, response);
        });
        return operation;
    }
}
