package io.timeflow.snapshot.api;

import io.timeflow.platform.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * States the 401 and 403 answers every operation of the API can give (they all need a bearer token
 * and a role) as the problem+json bodies they are, in place of the bare ones generated from
 * {@code @RolesAllowed}, without repeating them on each method.
 */
public class SecurityResponsesFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            return operation;
        }
        add(operation, "401", "No valid bearer token (UNAUTHORIZED)", ApiExamples.PROBLEM_UNAUTHORIZED);
        add(operation, "403", "The caller's roles do not allow this operation (FORBIDDEN)", ApiExamples.PROBLEM_FORBIDDEN);
        return operation;
    }

    private static void add(Operation operation, String status, String description, String example) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null && existing.getContent() != null
                && existing.getContent().hasMediaType(Problem.MEDIA_TYPE)) {
            return;
        }
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))
                .addExample("problem", OASFactory.createExample().value(example)));
        APIResponse response = OASFactory.createAPIResponse().description(description).content(content);
        operation.getResponses().addAPIResponse(status, response);
    }
}
