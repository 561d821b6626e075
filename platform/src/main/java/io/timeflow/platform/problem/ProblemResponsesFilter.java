package io.timeflow.platform.problem;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Adds the answers every operation of a service can give (401 and 403: each needs a bearer token and
 * a role; 500 where a service documents it) to the OpenAPI document as the problem+json bodies they
 * are, in place of the bare ones generated from {@code @RolesAllowed}, without repeating them on each
 * method. An operation that already documents one of these statuses as problem+json keeps its own.
 *
 * <p>It also lists the service's problem codes, from its {@link ProblemCatalogue}, as {@code x-problem-codes} of
 * the {@code Problem} schema, so that a client's authors find every code the service can answer in the document
 * they generate from (generators ignore the extension; an enum on {@code code} would break their clients on the
 * first code a later version adds).
 *
 * <p>A service names its catalogue and common answers in a subclass with a no-argument constructor, set as
 * {@code mp.openapi.filter}.
 */
public abstract class ProblemResponsesFilter implements OASFilter {

    public static final String UNAUTHORIZED = "No valid bearer token (UNAUTHORIZED)";
    public static final String FORBIDDEN = "The caller's roles do not allow this operation (FORBIDDEN)";
    public static final String INTERNAL_ERROR =
            "A fault of the service; the answer names a reference found in its log (INTERNAL_ERROR)";

    /** One common answer: its status, its description, and an example body ({@code null}: none). */
    public record CommonAnswer(String status, String description, String example) {
    }

    private final ProblemCatalogue catalogue;
    private final List<CommonAnswer> answers;

    protected ProblemResponsesFilter(ProblemCatalogue catalogue, CommonAnswer... answers) {
        this.catalogue = catalogue;
        this.answers = List.of(answers);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        var problem = openAPI.getComponents().getSchemas().get("Problem");
        if (problem != null) {
            problem.addExtension("x-problem-codes", catalogue.extension());
        }
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            return operation;
        }
        for (CommonAnswer answer : answers) {
            APIResponse existing = operation.getResponses().getAPIResponse(answer.status());
            if (existing != null && existing.getContent() != null
                    && existing.getContent().hasMediaType(Problem.MEDIA_TYPE)) {
                continue;
            }
            MediaType body = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
            if (answer.example() != null) {
                body.addExample("problem", OASFactory.createExample().value(answer.example()));
            }
            operation.getResponses().addAPIResponse(answer.status(), OASFactory.createAPIResponse()
                    .description(answer.description())
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, body)));
        }
        return operation;
    }
}
