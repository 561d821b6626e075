package io.timeflow.snapshot.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.snapshot.domain.TargetEnvironment;
import io.timeflow.snapshot.domain.TargetEnvironmentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/target-environments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Target environments", description = "Environments known from staging-service's events: provisioning targets and staging time zones")
public class TargetEnvironmentResource {

    @Schema(name = "TargetEnvironment", description = "An environment as snapshot-service knows it")
    public record TargetEnvironmentView(UUID id, String name, String host, String osType, String timeZone,
            String connectorPath, Instant registeredAt) {
        static TargetEnvironmentView of(TargetEnvironment e) {
            return new TargetEnvironmentView(e.id(), e.name(), e.host(), e.osType(), e.timeZone(), e.connectorPath(),
                    e.registeredAt());
        }
    }

    private final TargetEnvironmentService environments;

    @Inject
    public TargetEnvironmentResource(TargetEnvironmentService environments) {
        this.environments = environments;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listTargetEnvironments", summary = "List the environments snapshot-service knows")
    @APIResponse(responseCode = "200", description = "A page of environments")
    public Page<TargetEnvironmentView> list(
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(environments.page(offset, limit).stream().map(TargetEnvironmentView::of).toList(), offset,
                limit, environments.count());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getTargetEnvironment", summary = "Get an environment snapshot-service knows")
    @APIResponse(responseCode = "200", description = "The environment",
            content = @Content(schema = @Schema(implementation = TargetEnvironmentView.class)))
    @APIResponse(responseCode = "404", description = "Not known (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TargetEnvironmentView get(@PathParam("id") UUID id) {
        return TargetEnvironmentView.of(environments.get(id));
    }
}
