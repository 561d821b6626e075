package io.timeflow.staging.api;

import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.staging.domain.StagingDatabaseService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/dsources/{id}/staging-database")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Staging database", description = "The staging database as the staging-host agent observes it")
public class StagingDatabaseResource {

    private final StagingDatabaseService databases;

    @Inject
    public StagingDatabaseResource(StagingDatabaseService databases) {
        this.databases = databases;
    }

    @PUT
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "reportStagingDatabase",
            summary = "Report the observed state, mount and files of the staging database (agent)")
    @APIResponse(responseCode = "200", description = "Recorded; an unsupported state raises CANNOT_MONITOR",
            content = @Content(schema = @Schema(implementation = StagingDatabaseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The dSource is detached (DSOURCE_DETACHED) or a later observation "
            + "was reported (OBSERVATION_OUT_OF_ORDER)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StagingDatabaseView report(@PathParam("id") UUID id, @Valid @NotNull StagingDatabaseReport report) {
        return StagingDatabaseView.of(databases.report(id, new StagingDatabaseService.Observation(report.state(),
                report.dataMounted(), report.files().stream().map(String::trim).toList(), report.observedAt())));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getStagingDatabase", summary = "Get the staging database as last observed")
    @APIResponse(responseCode = "200", description = "The last observation",
            content = @Content(schema = @Schema(implementation = StagingDatabaseView.class)))
    @APIResponse(responseCode = "404", description = "No such dSource (NOT_FOUND) or nothing observed yet "
            + "(NOT_OBSERVED_YET)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StagingDatabaseView get(@PathParam("id") UUID id) {
        return StagingDatabaseView.of(databases.get(id));
    }
}
