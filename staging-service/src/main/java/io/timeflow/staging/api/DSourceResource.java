package io.timeflow.staging.api;

import io.timeflow.platform.api.Page;
import io.timeflow.platform.api.Params;
import io.timeflow.platform.history.ChangeHistory;
import io.timeflow.platform.history.ChangeHistoryPage;
import io.timeflow.platform.history.ChangeRecord;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.staging.domain.DSource;
import io.timeflow.staging.domain.DSourceOperations;
import io.timeflow.staging.domain.DSourceService;
import io.timeflow.staging.domain.Hook;
import io.timeflow.staging.persistence.DSourceRepository;
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
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/dsources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "dSources", description = "Staging-push dSources: link, describe, enable, disable, detach, attach, delete")
public class DSourceResource {

    /** The dSource list's status filter. */
    public enum Status { ENABLED, DISABLED, DETACHED }

    private final DSourceService dsources;
    private final DSourceOperations operations;
    private final ChangeHistory changes;

    @Inject
    public DSourceResource(DSourceService dsources, DSourceOperations operations, ChangeHistory changes) {
        this.dsources = dsources;
        this.operations = operations;
        this.changes = changes;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "linkDSource", summary = "Link a staging-push dSource; the service assigns its mount base")
    @APIResponse(responseCode = "201", description = "Linked, enabled, with its mount base",
            content = @Content(schema = @Schema(implementation = DSourceView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Name or staging database taken (NAME_TAKEN, STAGING_DATABASE_TAKEN), "
            + "or the plugin is being upgraded (PLUGIN_UPGRADE_IN_PROGRESS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown environment, repository or SnapSync policy "
            + "(UNKNOWN_REFERENCE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response link(@Valid @NotNull DSourceRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        DSource d = dsources.link(new DSourceService.NewDSource(request.name(), request.stagingDatabaseName(),
                request.databaseStateMode(), request.environmentId(), request.repositoryId(), request.targetGroup(),
                request.notes(), hooks(request.hooks()), request.pluginId(), request.syncPolicyId()));
        return Response.created(uri.getAbsolutePathBuilder().path(d.id().toString()).build()).entity(view(d)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listDSources", summary = "List dSources by name, with filters")
    @APIResponse(responseCode = "200", description = "A page of dSources",
            content = @Content(schema = @Schema(implementation = DSourcePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging (parameter named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DSourceView> list(
            @Parameter(description = "Only dSources on this environment") @QueryParam("environmentId") String environmentId,
            @Parameter(description = "Only dSources on this repository") @QueryParam("repositoryId") String repositoryId,
            @Parameter(description = "Only dSources of this plugin") @QueryParam("pluginId") String pluginId,
            @Parameter(description = "ENABLED, DISABLED or DETACHED",
                    schema = @Schema(enumeration = {"ENABLED", "DISABLED", "DETACHED"})) @QueryParam("status") String status,
            @Parameter(description = "Only names containing this text (any case)") @QueryParam("name") String name,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Status s = Params.choice("status", status, Status.class);
        DSourceRepository.Filter filter = new DSourceRepository.Filter(Params.uuid("environmentId", environmentId),
                Params.uuid("repositoryId", repositoryId), pluginId == null || pluginId.isBlank() ? null : pluginId.trim(),
                s == null || s == Status.DETACHED ? null : s == Status.ENABLED,
                s == null ? null : s != Status.DETACHED, name == null || name.isBlank() ? null : name.trim());
        return new Page<>(dsources.page(filter, offset, limit).stream().map(this::view).toList(), offset, limit,
                dsources.count(filter));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getDSourceHistory",
            summary = "The dSource's history: every change with who made it (subject, role, token or key id) and when")
    @APIResponse(responseCode = "200", description = "The changes, oldest first",
            content = @Content(schema = @Schema(implementation = ChangeHistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ChangeRecord> history(@PathParam("id") UUID id,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return changes.page("dsource", id, offset, limit, () -> dsources.get(id));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getDSource", summary = "Get a dSource")
    @APIResponse(responseCode = "200", description = "The dSource",
            content = @Content(schema = @Schema(implementation = DSourceView.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DSourceView get(@PathParam("id") UUID id) {
        return view(dsources.get(id));
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateDSource", summary = "Change a dSource's notes, target group or hooks")
    @APIResponse(responseCode = "200", description = "The dSource as it is now",
            content = @Content(schema = @Schema(implementation = DSourceView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The plugin is being upgraded (PLUGIN_UPGRADE_IN_PROGRESS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DSourceView update(@PathParam("id") UUID id, @Valid @NotNull DSourceUpdateRequest request) {
        return view(dsources.update(id, new DSourceService.Changes(request.notes(), request.targetGroup(),
                request.hooks() == null ? null : hooks(request.hooks()))));
    }

    @DELETE
    // answers 204 or a problem: a client accepting only problem details (as the generated ones do) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteDSource", summary = "Delete a dSource and its restore history")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A restore is in progress (RESTORE_IN_PROGRESS) or the plugin is "
            + "being upgraded (PLUGIN_UPGRADE_IN_PROGRESS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        dsources.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/hooks")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "getDSourceHooks", summary = "Get a dSource's hooks with their commands (agent or admin)")
    @APIResponse(responseCode = "200", description = "The hooks, commands included",
            content = @Content(schema = @Schema(implementation = HookView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<HookView> hooks(@PathParam("id") UUID id) {
        return dsources.hooks(id).stream().map(HookView::of).toList();
    }

    @POST
    @Path("{id}/enable")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "enableDSource", summary = "Enable a dSource, attempting the attach of its staging database "
            + "(warning SKIP_ATTACH_OPERATION when the attach failed or could not be attempted)",
            description = "The agent of the dSource's environment attaches the staging database; the enable waits for it "
                    + "(timeflow.agent.attach-wait, 30 s by default). A failed attach, no running agent or no answer in "
                    + "time: the enable succeeds with the warning SKIP_ATTACH_OPERATION giving the reason.")
    @APIResponse(responseCode = "200", description = "Enabled, with its warnings",
            content = @Content(schema = @Schema(implementation = DSourceOperationView.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already enabled, detached, database state changed "
            + "(DATABASE_STATE_CHANGED) or the plugin is being upgraded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The staging database has files in a sub-directory of the mount "
            + "(FILES_OUTSIDE_MOUNT_DIRECTORY, each path named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DSourceOperationView enable(@PathParam("id") UUID id) {
        return outcome(operations.enable(id));
    }

    @POST
    @Path("{id}/disable")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "disableDSource", summary = "Disable a dSource: no further operations until enabled")
    @APIResponse(responseCode = "200", description = "Disabled",
            content = @Content(schema = @Schema(implementation = DSourceOperationView.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already disabled, detached, or the plugin is being upgraded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DSourceOperationView disable(@PathParam("id") UUID id) {
        return outcome(operations.disable(id));
    }

    @POST
    @Path("{id}/detach")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "detachDSource", summary = "Unlink (detach) a dSource from its staging database; it and its "
            + "snapshots stay usable")
    @APIResponse(responseCode = "200", description = "Detached",
            content = @Content(schema = @Schema(implementation = DSourceOperationView.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already detached, a restore in progress, or the plugin is being "
            + "upgraded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DSourceOperationView detach(@PathParam("id") UUID id) {
        return outcome(operations.detach(id));
    }

    @POST
    @Path("{id}/attach")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "attachDSource", summary = "Link (attach) a detached dSource again, possibly to a new staging "
            + "database name")
    @APIResponse(responseCode = "200", description = "Attached (disabled until enabled); a warning when the database "
            + "state mode differs from the one linked with",
            content = @Content(schema = @Schema(implementation = DSourceOperationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not detached, staging database taken, or the plugin is being "
            + "upgraded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown environment or repository (UNKNOWN_REFERENCE), or the "
            + "staging database has files in a sub-directory of the mount (FILES_OUTSIDE_MOUNT_DIRECTORY, each path named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DSourceOperationView attach(@PathParam("id") UUID id, @Valid @NotNull AttachRequest request) {
        return outcome(operations.attach(id, new DSourceOperations.Attachment(request.stagingDatabaseName(),
                request.databaseStateMode(), request.environmentId(), request.repositoryId())));
    }

    @POST
    @Path("{id}/convert")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "convertDSource", summary = "Convert an ONLINE-mode dSource between linked and staging-push "
            + "ingestion; its timeflows and snapshots stay")
    @APIResponse(responseCode = "200", description = "Converted",
            content = @Content(schema = @Schema(implementation = DSourceView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "RESTORING mode (CONVERSION_NOT_SUPPORTED), already of that type "
            + "(INGESTION_TYPE_UNCHANGED), a restore in progress, or the plugin is being upgraded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DSourceView convert(@PathParam("id") UUID id, @Valid @NotNull AgentRequests.Convert request) {
        return view(operations.convert(id, request.ingestionType()));
    }

    @PUT
    @Path("{id}/staging-database/attachment")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "reportAttach", summary = "Report whether attaching the staging database worked (agent)")
    @APIResponse(responseCode = "200", description = "Recorded",
            content = @Content(schema = @Schema(implementation = DSourceView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The dSource is detached",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DSourceView reportAttach(@PathParam("id") UUID id, @Valid @NotNull AttachReportRequest request) {
        DSource.AttachStatus status = request.status() == AttachReportRequest.Outcome.ATTACHED
                ? DSource.AttachStatus.ATTACHED : DSource.AttachStatus.FAILED;
        return view(operations.reportAttach(id, status, request.reason()));
    }

    @PUT
    @Path("{id}/storage")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "reportStorage", summary = "Report the dSource's storage paused at its critical threshold, "
            + "or running again (agent)")
    @APIResponse(responseCode = "200", description = "Recorded; a resume warns LOG_RESTORE_AFTER_RESUME",
            content = @Content(schema = @Schema(implementation = DSourceOperationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DSourceOperationView reportStorage(@PathParam("id") UUID id, @Valid @NotNull StorageReportRequest request) {
        return outcome(operations.reportStorage(id, request.state()));
    }

    private DSourceView view(DSource d) {
        return DSourceView.of(d, dsources.hookOutlines(d), dsources.activeFaultCodes(d.id()));
    }

    private DSourceOperationView outcome(DSourceOperations.Outcome o) {
        return new DSourceOperationView(view(o.dsource()), o.warnings().stream().map(WarningView::of).toList());
    }

    private static List<Hook> hooks(List<HookRequest> hooks) {
        return hooks == null ? List.of() : hooks.stream().map(HookRequest::toHook).toList();
    }

    /** The OpenAPI shape of a page of dSources (Page is generic). */
    @Schema(name = "DSourcePage", description = "A page of dSources")
    public record DSourcePage(List<DSourceView> items,
            @Schema(examples = "0") int offset, @Schema(examples = "50") int limit, @Schema(examples = "1") long total) {
    }
}
