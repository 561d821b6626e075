package io.timeflow.backup.api;

import io.timeflow.platform.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every operation needs a bearer token and a role: its 401 and 403 answers are documented as the
 * problem+json bodies they are (the ones generated from {@code @RolesAllowed} carry no body), so a
 * generated client knows what it gets when it is refused.
 */
public class SecurityResponsesFilter implements OASFilter {

    static final String UNAUTHORIZED = """
            {"type": "urn:timeflow:problem:unauthorized", "title": "Authentication required", "status": 401, \
            "code": "UNAUTHORIZED", "detail": "send a valid bearer token"}""";
    static final String FORBIDDEN = """
            {"type": "urn:timeflow:problem:forbidden", "title": "Forbidden", "status": 403, "code": "FORBIDDEN", \
            "detail": "the caller's roles do not allow this operation"}""";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            return operation;
        }
        add(operation, "401", "No valid bearer token (UNAUTHORIZED)", UNAUTHORIZED);
        add(operation, "403", "The caller's roles do not allow this operation (FORBIDDEN)", FORBIDDEN);
        return operation;
    }

    private static void add(Operation operation, String status, String description, String example) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null && existing.getContent() != null && existing.getContent().hasMediaType(Problem.MEDIA_TYPE)) {
            return;
        }
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                .addExample("problem", OASFactory.createExample().value(example)));
        operation.getResponses().addAPIResponse(status,
                OASFactory.createAPIResponse().description(description).content(content));
    }
}
