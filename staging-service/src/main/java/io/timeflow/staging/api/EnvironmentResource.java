package io.timeflow.staging.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.staging.domain.Environment;
import io.timeflow.staging.domain.EnvironmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/environments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Environments", description = "Staging hosts and their SQL Server instances")
public class EnvironmentResource {

    private final EnvironmentService environments;

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
    @APIResponse(responseCode = "200", description = "A page of environments")
    public Page<EnvironmentView> list(
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(environments.page(offset, limit).stream().map(EnvironmentView::of).toList(), offset, limit,
                environments.count());
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
}
