package io.timeflow.staging.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.history.ChangeHistory;
import io.timeflow.platform.history.ChangeHistoryPage;
import io.timeflow.platform.history.ChangeRecord;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.staging.domain.Environment;
import io.timeflow.staging.domain.EnvironmentService;
import io.timeflow.staging.domain.SqlInstance;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

@Path("/api/v1/environments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Environments", description = "Staging hosts and their SQL Server instances (repositories)")
public class EnvironmentResource {

    private final EnvironmentService environments;

    @Inject
    ChangeHistory changes;

    @Inject
    public EnvironmentResource(EnvironmentService environments) {
        this.environments = environments;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "registerEnvironment", summary = "Register a staging environment")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The name is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull EnvironmentRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        Environment created = environments.register(new EnvironmentService.NewEnvironment(request.name(),
                request.host(), request.osType(), request.timeZone(), request.connectorPath()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(EnvironmentView.of(created)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listEnvironments", summary = "List staging environments, by name")
    @APIResponse(responseCode = "200", description = "A page of environments",
            content = @Content(schema = @Schema(implementation = EnvironmentPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<EnvironmentView> list(
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(environments.page(offset, limit).stream().map(EnvironmentView::of).toList(), offset, limit,
                environments.count());
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getEnvironmentHistory",
            summary = "The environment's history: every change with who made it (subject, role, token or key id) and when")
    @APIResponse(responseCode = "200", description = "The changes, oldest first",
            content = @Content(schema = @Schema(implementation = ChangeHistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such environment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ChangeRecord> history(@PathParam("id") UUID id,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return changes.page("environment", id, offset, limit, () -> environments.get(id));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getEnvironment", summary = "Get a staging environment")
    @APIResponse(responseCode = "200", description = "The environment",
            content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "404", description = "No such environment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EnvironmentView get(@PathParam("id") UUID id) {
        return EnvironmentView.of(environments.get(id));
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateEnvironment",
            summary = "Change a staging environment's name, host, time zone or connector path")
    @APIResponse(responseCode = "200", description = "The environment as it is now",
            content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such environment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The name is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EnvironmentView update(@PathParam("id") UUID id, @Valid @NotNull EnvironmentUpdateRequest request) {
        return EnvironmentView.of(environments.update(id, new EnvironmentService.EnvironmentChanges(request.name(),
                request.host(), request.timeZone(), request.connectorPath())));
    }

    @DELETE
    // answers 204 or a problem: a client accepting only problem details (as the generated ones do) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteEnvironment", summary = "Delete a staging environment and its repositories")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such environment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "dSources use it (ENVIRONMENT_IN_USE, naming them)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        environments.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/repositories")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "addRepository", summary = "Add a SQL Server instance (repository) to a staging environment")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = RepositoryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such environment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The environment has a repository of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addRepository(@PathParam("id") UUID id, @Valid @NotNull RepositoryRequest request,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        SqlInstance added = environments.addRepository(id,
                new EnvironmentService.NewRepository(request.name(), request.version(), request.port()));
        return Response.created(uri.getAbsolutePathBuilder().path(added.id().toString()).build())
                .entity(RepositoryView.of(added)).build();
    }

    @GET
    @Path("{id}/repositories")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listRepositories", summary = "List the SQL Server instances of a staging environment")
    @APIResponse(responseCode = "200", description = "The repositories, by name",
            content = @Content(schema = @Schema(implementation = RepositoryView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such environment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<RepositoryView> repositories(@PathParam("id") UUID id) {
        return environments.repositories(id).stream().map(RepositoryView::of).toList();
    }

    @GET
    @Path("{id}/repositories/{repositoryId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getRepository", summary = "Get a SQL Server instance of a staging environment")
    @APIResponse(responseCode = "200", description = "The repository",
            content = @Content(schema = @Schema(implementation = RepositoryView.class)))
    @APIResponse(responseCode = "404", description = "No such environment or repository",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RepositoryView repository(@PathParam("id") UUID id, @PathParam("repositoryId") UUID repositoryId) {
        return RepositoryView.of(environments.repository(id, repositoryId));
    }

    @DELETE
    // answers 204 or a problem: a client accepting only problem details (as the generated ones do) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}/repositories/{repositoryId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteRepository", summary = "Remove a SQL Server instance from a staging environment")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such environment or repository",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "dSources use it (REPOSITORY_IN_USE, naming them)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deleteRepository(@PathParam("id") UUID id, @PathParam("repositoryId") UUID repositoryId) {
        environments.deleteRepository(id, repositoryId);
        return Response.noContent().build();
    }

    /** The OpenAPI shape of a page of environments (Page is generic). */
    @Schema(name = "EnvironmentPage", description = "A page of environments")
    public record EnvironmentPage(List<EnvironmentView> items,
            @Schema(examples = "0") int offset, @Schema(examples = "50") int limit, @Schema(examples = "1") long total) {
    }
}
