package io.timeflow.snapshot.api;

import io.timeflow.platform.api.Params;
import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.snapshot.api.Views.TimeflowView;
import io.timeflow.snapshot.domain.SnapshotService;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/timeflows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Timeflows", description = "Lines of snapshots: a RESTORING-mode dSource starts a new one when the recovery "
        + "fork changes; an ONLINE-mode dSource has one")
public class TimeflowResource {

    private final SnapshotService snapshots;

    @Inject
    public TimeflowResource(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listTimeflows", summary = "List timeflows, newest first, by dSource")
    @APIResponse(responseCode = "200", description = "A page of timeflows")
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ApiExamples.PROBLEM_VALIDATION)))
    @APIResponse(responseCode = "422", description = "Unknown dSource (UNKNOWN_DSOURCE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown dSource", value = ApiExamples.PROBLEM_UNKNOWN_DSOURCE)))
    public Page<TimeflowView> list(
            @QueryParam("dsourceId") @Schema(format = "uuid") String dsource,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        UUID dsourceId = Params.uuid("dsourceId", dsource);
        return new Page<>(snapshots.timeflows(dsourceId, offset, limit).stream()
                .map(t -> TimeflowView.of(t, snapshots.snapshotCount(t.id()))).toList(),
                offset, limit, snapshots.timeflowCount(dsourceId));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getTimeflow", summary = "Get a timeflow")
    @APIResponse(responseCode = "200", description = "The timeflow",
            content = @Content(schema = @Schema(implementation = TimeflowView.class),
                    examples = @ExampleObject(name = "timeflow", value = ApiExamples.TIMEFLOW)))
    @APIResponse(responseCode = "404", description = "No such timeflow",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    public TimeflowView get(@PathParam("id") UUID id) {
        return TimeflowView.of(snapshots.timeflow(id), snapshots.snapshotCount(id));
    }
}
