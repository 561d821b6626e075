package io.timeflow.snapshot.api;

import io.timeflow.platform.api.Params;
import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.CurrentActor;
import io.timeflow.platform.security.Roles;
import io.timeflow.snapshot.api.Views.SnapshotView;
import io.timeflow.snapshot.domain.SnapshotService;
import io.timeflow.snapshot.domain.VdbService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Snapshots", description = "Snapshots of staging databases, shown in the staging host's time zone")
public class SnapshotResource {

    private final SnapshotService snapshots;
    private final VdbService vdbs;
    private final CurrentActor actor;

    @Inject
    public SnapshotResource(SnapshotService snapshots, VdbService vdbs, CurrentActor actor) {
        this.snapshots = snapshots;
        this.vdbs = vdbs;
        this.actor = actor;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listSnapshots", summary = "List snapshots, newest first, by dSource and timeflow")
    @APIResponse(responseCode = "200", description = "A page of snapshots")
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ApiExamples.PROBLEM_VALIDATION)))
    @APIResponse(responseCode = "422", description = "Unknown dSource (UNKNOWN_DSOURCE) or timeflow (UNKNOWN_TIMEFLOW)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown dSource", value = ApiExamples.PROBLEM_UNKNOWN_DSOURCE)))
    public Page<SnapshotView> list(
            @QueryParam("dsourceId") @Schema(format = "uuid") String dsource,
            @QueryParam("timeflowId") @Schema(format = "uuid") String timeflow,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        UUID dsourceId = Params.uuid("dsourceId", dsource);
        UUID timeflowId = Params.uuid("timeflowId", timeflow);
        return new Page<>(snapshots.page(dsourceId, timeflowId, offset, limit).stream()
                .map(s -> SnapshotView.of(s, vdbs.page(null, s.id(), 0, 500))).toList(),
                offset, limit, snapshots.count(dsourceId, timeflowId));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getSnapshot", summary = "Get a snapshot: backup set, LSNs, timeflow, local time, dependants")
    @APIResponse(responseCode = "200", description = "The snapshot",
            content = @Content(schema = @Schema(implementation = SnapshotView.class),
                    examples = @ExampleObject(name = "snapshot", value = ApiExamples.SNAPSHOT)))
    @APIResponse(responseCode = "404", description = "No such snapshot",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    public SnapshotView get(@PathParam("id") UUID id) {
        return SnapshotView.of(snapshots.get(id), vdbs.page(null, id, 0, 500));
    }

    @DELETE
    // answers 204 or a problem: a client accepting only problem details (as the generated ones do) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "deleteSnapshot", summary = "Delete a snapshot no VDB depends on")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such snapshot",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "VDBs depend on it (SNAPSHOT_HAS_DEPENDANTS, naming them), or its "
            + "dSource's plugin is being upgraded (PLUGIN_UPGRADE_IN_PROGRESS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "dependants", value = ApiExamples.PROBLEM_DEPENDANTS)))
    public void delete(@PathParam("id") UUID id) {
        snapshots.delete(id, actor.get());
    }
}
