package io.timeflow.snapshot.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.history.ChangeHistory;
import io.timeflow.platform.history.ChangeHistoryPage;
import io.timeflow.platform.history.ChangeRecord;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.CurrentActor;
import io.timeflow.platform.security.Roles;
import io.timeflow.snapshot.api.Requests.SyncPolicyRequest;
import io.timeflow.snapshot.api.Views.AssignmentView;
import io.timeflow.snapshot.api.Views.SyncPolicyView;
import io.timeflow.snapshot.domain.SyncPolicy;
import io.timeflow.snapshot.domain.SyncPolicyService.PolicyDefinition;
import io.timeflow.snapshot.domain.SyncPolicyService;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sync-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sync policies", description = "Scheduled SnapSyncs (Quartz cron, clustered: never twice for one scheduled "
        + "time, never overlapping for one dSource) and snapshot retention")
public class SyncPolicyResource {

    private final SyncPolicyService policies;

    @Inject
    ChangeHistory changes;
    private final CurrentActor actor;

    @Inject
    public SyncPolicyResource(SyncPolicyService policies, CurrentActor actor) {
        this.policies = policies;
        this.actor = actor;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createSyncPolicy", summary = "Create a sync policy")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SyncPolicyRequest.class),
            examples = @ExampleObject(name = "nightly", value = ApiExamples.POLICY_REQUEST)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = SyncPolicyView.class),
                    examples = @ExampleObject(name = "policy", value = ApiExamples.POLICY)))
    @APIResponse(responseCode = "400", description = "Invalid request, e.g. a cron that does not parse (field cron)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad cron", value = ApiExamples.PROBLEM_BAD_CRON)))
    @APIResponse(responseCode = "409", description = "The name is taken (NAME_TAKEN)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull SyncPolicyRequest request, @Context UriInfo uri) {
        SyncPolicy created = policies.create(definition(request), actor.get());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(view(created)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listSyncPolicies", summary = "List sync policies, by name")
    @APIResponse(responseCode = "200", description = "A page of policies")
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ApiExamples.PROBLEM_VALIDATION)))
    public Page<SyncPolicyView> list(
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(policies.page(offset, limit).stream().map(this::view).toList(), offset, limit,
                policies.count());
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getSyncPolicyHistory",
            summary = "The sync policy's history: every change with who made it (subject, role, token or key id) and when")
    @APIResponse(responseCode = "200", description = "The changes, oldest first",
            content = @Content(schema = @Schema(implementation = ChangeHistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such sync policy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ChangeRecord> history(@PathParam("id") UUID id,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return changes.page("sync-policy", id, offset, limit, () -> policies.get(id));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getSyncPolicy", summary = "Get a sync policy, its dSources and its next run")
    @APIResponse(responseCode = "200", description = "The policy",
            content = @Content(schema = @Schema(implementation = SyncPolicyView.class),
                    examples = @ExampleObject(name = "policy", value = ApiExamples.POLICY)))
    @APIResponse(responseCode = "404", description = "No such policy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    public SyncPolicyView get(@PathParam("id") UUID id) {
        return view(policies.get(id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateSyncPolicy", summary = "Change a sync policy's name, schedule or retention")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SyncPolicyRequest.class),
            examples = @ExampleObject(name = "nightly", value = ApiExamples.POLICY_REQUEST)))
    @APIResponse(responseCode = "200", description = "The policy as changed",
            content = @Content(schema = @Schema(implementation = SyncPolicyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request, e.g. a cron that does not parse (field cron)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad cron", value = ApiExamples.PROBLEM_BAD_CRON)))
    @APIResponse(responseCode = "404", description = "No such policy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The name is taken (NAME_TAKEN)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SyncPolicyView update(@PathParam("id") UUID id, @Valid @NotNull SyncPolicyRequest request) {
        return view(policies.update(id, definition(request), actor.get()));
    }

    @DELETE
    // answers 204 or a problem: a client accepting only problem details (as the generated ones do) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteSyncPolicy", summary = "Delete a sync policy no dSource follows")
    @APIResponse(responseCode = "204", description = "Deleted, with its schedule")
    @APIResponse(responseCode = "404", description = "No such policy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "dSources follow it (POLICY_IN_USE, naming them)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        policies.delete(id, actor.get());
    }

    @PUT
    @Path("{id}/dsources/{dsourceId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "assignSyncPolicy", summary = "Make a dSource follow this policy (instead of the one it followed)")
    @APIResponse(responseCode = "200", description = "The dSource follows the policy",
            content = @Content(schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(responseCode = "404", description = "No such policy or dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = ApiExamples.PROBLEM_NOT_FOUND)))
    public AssignmentView assign(@PathParam("id") UUID id, @PathParam("dsourceId") UUID dsourceId) {
        policies.assign(id, dsourceId, actor.get());
        return new AssignmentView(id, dsourceId);
    }

    @DELETE
    // answers 204 or a problem: a client accepting only problem details (as the generated ones do) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}/dsources/{dsourceId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "unassignSyncPolicy", summary = "Stop a dSource following this policy")
    @APIResponse(responseCode = "204", description = "The dSource no longer follows it")
    @APIResponse(responseCode = "404", description = "No such policy, or the dSource does not follow it (NOT_ASSIGNED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void unassign(@PathParam("id") UUID id, @PathParam("dsourceId") UUID dsourceId) {
        policies.unassign(id, dsourceId, actor.get());
    }

    private SyncPolicyView view(SyncPolicy p) {
        return SyncPolicyView.of(p, policies.dsourcesOf(p.id()), policies.nextRun(p).orElse(null),
                policies.lastRun(p.id()).orElse(null));
    }

    private static PolicyDefinition definition(SyncPolicyRequest r) {
        return new PolicyDefinition(r.name(), r.cron(), r.timeZone() == null ? "UTC" : r.timeZone(),
                r.retention() == null ? null : r.retention().keepLast(),
                r.retention() == null ? null : r.retention().keepDays());
    }
}
