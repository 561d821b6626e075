package io.timeflow.snapshot.api;

import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.snapshot.api.Requests.HookClaimRequest;
import io.timeflow.snapshot.api.Requests.HookLeaseRequest;
import io.timeflow.snapshot.api.Requests.HookReportRequest;
import io.timeflow.snapshot.api.Views.HookLeaseView;
import io.timeflow.snapshot.api.Views.HookRunView;
import io.timeflow.snapshot.api.Views.SnapSyncJobView;
import io.timeflow.snapshot.domain.SnapSyncHooks;
import io.timeflow.snapshot.domain.rules.HookOutcome;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The hooks of SnapSyncs, as the staging hosts' agents take, renew and report them (ADR 0100). */
@Path("/api/v1/snapsync/hook-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "SnapSync hooks", description = "Pre-sync and post-sync hooks, run by the staging host's agent under a lease")
public class HookRunResource {

    private static final int DEFAULT_LEASE_SECONDS = 30;

    private final SnapSyncHooks hooks;

    @Inject
    public HookRunResource(SnapSyncHooks hooks) {
        this.hooks = hooks;
    }

    @POST
    @Path("claim")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "claimHookRun", summary = "Take the oldest hook waiting on one of the agent's environments "
            + "(agent)", description = "The SnapSync's step PRE_SYNC_HOOK (or POST_SYNC_HOOK) is RUNNING on this agent "
            + "until it reports; a lease not renewed in time fails the SnapSync (HOOK_LEASE_EXPIRED).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = HookClaimRequest.class),
            examples = @ExampleObject(name = "claim", value = ApiExamples.HOOK_CLAIM)))
    @APIResponse(responseCode = "200", description = "A hook to run, under a lease",
            content = @Content(schema = @Schema(implementation = HookRunView.class)))
    @APIResponse(responseCode = "204", description = "No hook is waiting")
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response claim(@Valid @NotNull HookClaimRequest request) {
        return hooks.claim(request.agent().trim(), request.environmentIds(), lease(request.leaseSeconds()))
                .map(run -> Response.ok(HookRunView.of(run)).build())
                .orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("{jobId}/lease")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "renewHookLease", summary = "Renew the lease on a hook that is still running (agent)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = HookLeaseRequest.class),
            examples = @ExampleObject(name = "renew", value = ApiExamples.HOOK_LEASE)))
    @APIResponse(responseCode = "200", description = "Renewed",
            content = @Content(schema = @Schema(implementation = HookLeaseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such SnapSync job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The lease no longer holds the hook (LEASE_LOST: the SnapSync "
            + "ended or another agent holds it) or it expired (LEASE_EXPIRED): stop the hook",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HookLeaseView renew(@PathParam("jobId") UUID jobId, @Valid @NotNull HookLeaseRequest request) {
        return new HookLeaseView(jobId, request.leaseId(),
                hooks.renew(jobId, request.leaseId(), lease(request.leaseSeconds())));
    }

    @POST
    @Path("{jobId}/report")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "reportHookRun", summary = "Report how the hooks of the phase ended, with their output "
            + "(agent)", description = "A pre-sync hook that did not exit with 0 fails the SnapSync "
            + "(PRE_SYNC_HOOK_FAILED, with the exit code and the last lines); otherwise the SnapSync goes on. Reporting "
            + "the same lease again answers the job as it is.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = HookReportRequest.class),
            examples = @ExampleObject(name = "report", value = ApiExamples.HOOK_REPORT)))
    @APIResponse(responseCode = "200", description = "The SnapSync job after the report",
            content = @Content(schema = @Schema(implementation = SnapSyncJobView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such SnapSync job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The lease no longer holds the hook (LEASE_LOST) or it expired "
            + "(LEASE_EXPIRED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SnapSyncJobView report(@PathParam("jobId") UUID jobId, @Valid @NotNull HookReportRequest request) {
        HookOutcome outcome = new HookOutcome(request.hookName(), request.exitCode(), request.timedOut(),
                request.durationMs(), request.output() == null ? List.of() : request.output());
        return SnapSyncJobView.of(hooks.report(jobId, new SnapSyncHooks.Report(request.leaseId(), outcome,
                request.lastRestoreId() == null ? null : request.lastRestoreId().toString())));
    }

    private static Duration lease(Integer seconds) {
        return Duration.ofSeconds(seconds == null ? DEFAULT_LEASE_SECONDS : seconds);
    }
}
