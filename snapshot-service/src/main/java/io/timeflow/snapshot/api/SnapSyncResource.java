package io.timeflow.snapshot.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.api.Params;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.CurrentActor;
import io.timeflow.platform.security.Roles;
import io.timeflow.snapshot.api.Requests.SnapSyncRequest;
import io.timeflow.snapshot.api.Views.ReadinessView;
import io.timeflow.snapshot.api.Views.SnapSyncJobView;
import io.timeflow.snapshot.domain.SnapSyncJob;
import io.timeflow.snapshot.domain.SnapSyncService;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/snapsync")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "SnapSync", description = "Snapshots of a dSource's last restored backup, as jobs; and the read-only readiness check")
public class SnapSyncResource {

    private final SnapSyncService snapsync;
    private final CurrentActor actor;

    @Inject
    public SnapSyncResource(SnapSyncService snapsync, CurrentActor actor) {
        this.snapsync = snapsync;
        this.actor = actor;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "requestSnapSync", summary = "Ask for a SnapSync of a dSource",
            description = "Creates a SnapSync job (202, Location of the job). The job checks each prerequisite, takes "
                    + "the last restored backup, and ends SUCCEEDED (a snapshot), SKIPPED (NO_BACKUP_FOUND, "
                    + "SNAPSHOT_EXISTS_FOR_BACKUP) or FAILED (a prerequisite, e.g. STATE_MATCHES_MODE).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SnapSyncRequest.class),
            examples = @ExampleObject(name = "snapsync", value = ApiExamples.SNAPSYNC_REQUEST)))
    @APIResponse(responseCode = "202", description = "Accepted: the job, PENDING",
            content = @Content(schema = @Schema(implementation = SnapSyncJobView.class),
                    examples = @ExampleObject(name = "pending", value = ApiExamples.SNAPSYNC_JOB_PENDING)))
    @APIResponse(responseCode = "400", description = "Invalid request (a field named in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ApiExamples.PROBLEM_VALIDATION)))
    @APIResponse(responseCode = "409", description = "A SnapSync of the dSource is under way (SNAPSYNC_IN_PROGRESS), its "
            + "plugin is being upgraded (PLUGIN_UPGRADE_IN_PROGRESS), or the named restore is not the last restored "
            + "backup (BACKUP_NOT_LAST_RESTORED, BACKUP_NOT_RESTORED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "upgrade", value = ApiExamples.PROBLEM_UPGRADE)))
    @APIResponse(responseCode = "422", description = "Unknown dSource (UNKNOWN_DSOURCE) or restore (UNKNOWN_BACKUP_SET), "
            + "or a validated sync (VALIDATED_SYNC_NOT_SUPPORTED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown dSource", value = ApiExamples.PROBLEM_UNKNOWN_DSOURCE)))
    public Response request(@Valid @NotNull SnapSyncRequest request, @Context UriInfo uri) {
        SnapSyncJob job = snapsync.request(request.dsourceId(), Optional.ofNullable(request.restoreId()),
                Boolean.TRUE.equals(request.validatedSync()), actor.get());
        return Response.accepted(SnapSyncJobView.of(job))
                .location(uri.getAbsolutePathBuilder().path(job.id().toString()).build())
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getSnapSync", summary = "Get a SnapSync job: its state, warnings and per-step results")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = SnapSyncJobView.class),
                    examples = @ExampleObject(name = "skipped", value = ApiExamples.SNAPSYNC_JOB_SKIPPED)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    public SnapSyncJobView get(@PathParam("id") UUID id) {
        return SnapSyncJobView.of(snapsync.get(id));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listSnapSyncs", summary = "List SnapSync jobs, newest first, by dSource and state")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(responseCode = "400", description = "Invalid paging or state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ApiExamples.PROBLEM_VALIDATION)))
    public Page<SnapSyncJobView> list(
            @QueryParam("dsourceId") @Schema(format = "uuid") String dsource,
            @QueryParam("state") @Schema(enumeration = {"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "SKIPPED",
                    "CANCELLED"}) String stateName,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        UUID dsourceId = Params.uuid("dsourceId", dsource);
        JobState state = Params.choiceIgnoringCase("state", stateName, JobState.class);
        return new Page<>(snapsync.page(dsourceId, state, offset, limit).stream().map(SnapSyncJobView::of).toList(),
                offset, limit, snapsync.count(dsourceId, state));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "cancelSnapSync", summary = "Cancel a SnapSync job that has not started")
    @APIResponse(responseCode = "200", description = "The job, CANCELLED",
            content = @Content(schema = @Schema(implementation = SnapSyncJobView.class)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The job is RUNNING or ended (NOT_CANCELLABLE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SnapSyncJobView cancel(@PathParam("id") UUID id) {
        return SnapSyncJobView.of(snapsync.cancel(id, actor.get()));
    }

    @GET
    @Path("readiness/{dsourceId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getSnapSyncReadiness", summary = "Check a dSource's SnapSync prerequisites without acting",
            description = "Answers the same prerequisite list a SnapSync job reports, pass or fail, and what a SnapSync "
                    + "would do now (TAKE_SNAPSHOT, SKIP or FAIL, with its code). Nothing is written.")
    @APIResponse(responseCode = "200", description = "The readiness",
            content = @Content(schema = @Schema(implementation = ReadinessView.class),
                    examples = @ExampleObject(name = "not ready", value = ApiExamples.READINESS)))
    @APIResponse(responseCode = "404", description = "The dSource is not known to snapshot-service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    public ReadinessView readiness(@PathParam("dsourceId") UUID dsourceId) {
        return ReadinessView.of(snapsync.readiness(dsourceId));
    }
}
