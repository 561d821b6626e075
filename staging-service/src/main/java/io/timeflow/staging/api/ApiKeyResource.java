package io.timeflow.staging.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.staging.domain.ApiKeyService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys for automation, accepted by every service of the suite (ADR 0060). Administrators only. */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "Keys for hook scripts and backup scripts: shown once, stored as digests, revocable")
public class ApiKeyResource {

    private final ApiKeyService keys;

    @Inject
    public ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createApiKey",
            summary = "Create an API key; the answer is the only time the key is shown")
    @APIResponse(responseCode = "201", description = "Created; 'key' holds the key",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (e.g. the role admin)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No data-encryption key is configured (ENCRYPTION_KEY_MISSING)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull ApiKeyRequest request, @Context UriInfo uri) {
        ApiKeyService.Issued issued = keys.create(request.name(), request.role());
        return Response.created(uri.getAbsolutePathBuilder().path(issued.key().id().toString()).build())
                .entity(ApiKeyView.issued(issued.key(), issued.apiKey())).build();
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listApiKeys", summary = "List API keys, newest first (never the keys themselves)")
    @APIResponse(responseCode = "200", description = "A page of API keys",
            content = @Content(schema = @Schema(implementation = ApiKeyPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ApiKeyView> list(
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(keys.page(offset, limit).stream().map(ApiKeyView::of).toList(), offset, limit, keys.count());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getApiKey", summary = "Get an API key (never the key itself)")
    @APIResponse(responseCode = "200", description = "The API key",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "404", description = "No such API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApiKeyView get(@PathParam("id") UUID id) {
        return ApiKeyView.of(keys.get(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "revokeApiKey",
            summary = "Revoke an API key: refused here at once, by the other services as soon as they read the event")
    @APIResponse(responseCode = "200", description = "The key, revoked (revoking again changes nothing)",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "404", description = "No such API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApiKeyView revoke(@PathParam("id") UUID id) {
        return ApiKeyView.of(keys.revoke(id));
    }

    /** The OpenAPI shape of a page of API keys (Page is generic). */
    @Schema(name = "ApiKeyPage", description = "A page of API keys")
    public record ApiKeyPage(List<ApiKeyView> items,
            @Schema(examples = "0") int offset, @Schema(examples = "50") int limit, @Schema(examples = "1") long total) {
    }
}
