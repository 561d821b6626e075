package io.timeflow.staging.api;

import io.timeflow.platform.api.Params;
import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import io.timeflow.staging.domain.FileMove;
import io.timeflow.staging.domain.Restore;
import io.timeflow.staging.domain.RestoreService;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/dsources/{id}/restores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Restores", description = "Restores into a dSource's staging database, reported by hook scripts and agents")
public class RestoreResource {

    private final RestoreService restores;

    @Inject
    public RestoreResource(RestoreService restores) {
        this.restores = restores;
    }

    @POST
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "startRestore", summary = "Report a restore starting, with its backup set (agent)")
    @APIResponse(responseCode = "201", description = "Recorded IN_PROGRESS; warnings about the backup set",
            content = @Content(schema = @Schema(implementation = RestoreView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another restore in progress (RESTORE_IN_PROGRESS), id already used "
            + "(RESTORE_ALREADY_REPORTED), dSource detached (DSOURCE_DETACHED) or storage paused (STORAGE_PAUSED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Refused by a rule: FIRST_RESTORE_MUST_BE_FULL_WITH_REPLACE, "
            + "LSN_CHAIN_BROKEN (missing range named), LSN_CHAIN_OVERLAP, BACKUP_ALREADY_APPLIED, DIFFERENTIAL_BASE_MISMATCH, "
            + "NO_FULL_BACKUP_BASE, DATABASE_RECOVERED, LOG_RESTORE_NEEDS_REBASE (Msg 4320), BACPAC_REQUIRES_ONLINE_MODE, "
            + "NORECOVERY_REQUIRED, FILES_OUTSIDE_MOUNT_DIRECTORY",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@PathParam("id") UUID id, @Valid @NotNull RestoreStartRequest request,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        List<FileMove> moves = request.move() == null ? List.of()
                : request.move().stream().map(m -> new FileMove(m.logicalName().trim(), m.physicalName().trim())).toList();
        RestoreService.Started started = restores.start(id, new RestoreService.StartRestore(request.restoreId(),
                request.backupSet().toBackupSet(), request.replace(), request.norecovery(), moves, request.startedAt()));
        return Response.created(uri.getAbsolutePathBuilder().path(started.restore().id().toString()).build())
                .entity(RestoreView.of(started.restore(), started.warnings())).build();
    }

    @POST
    @Path("{restoreId}/complete")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "completeRestore", summary = "Report a restore completed, with the files written (agent)")
    @APIResponse(responseCode = "200", description = "COMPLETED: the backup set is the dSource's last restored backup",
            content = @Content(schema = @Schema(implementation = RestoreView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Out of order: never started (RESTORE_NOT_STARTED) or already "
            + "finished (RESTORE_NOT_IN_PROGRESS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A file outside the mount's DB directory "
            + "(FILES_OUTSIDE_MOUNT_DIRECTORY, each path named) or another backup set than started (BACKUP_SET_MISMATCH)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestoreView complete(@PathParam("id") UUID id, @PathParam("restoreId") UUID restoreId,
            @Valid @NotNull RestoreCompleteRequest request) {
        Restore r = restores.complete(id, restoreId, new RestoreService.CompleteRestore(
                request.files().stream().map(String::trim).toList(), request.finishedAt(),
                request.backupSet() == null ? null : request.backupSet().toBackupSet()));
        return RestoreView.of(r, List.of());
    }

    @POST
    @Path("{restoreId}/fail")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "failRestore", summary = "Report a restore failed (agent)")
    @APIResponse(responseCode = "200", description = "FAILED: the last restored backup is unchanged",
            content = @Content(schema = @Schema(implementation = RestoreView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (fields named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Out of order: never started (RESTORE_NOT_STARTED) or already "
            + "finished (RESTORE_NOT_IN_PROGRESS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestoreView fail(@PathParam("id") UUID id, @PathParam("restoreId") UUID restoreId,
            @Valid @NotNull RestoreFailRequest request) {
        return RestoreView.of(restores.fail(id, restoreId, request.reason(), request.failedAt()), List.of());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listRestores", summary = "List a dSource's restores, newest first")
    @APIResponse(responseCode = "200", description = "A page of restores",
            content = @Content(schema = @Schema(implementation = RestorePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging (parameter named)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dSource",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RestoreView> list(@PathParam("id") UUID id,
            @Parameter(description = "IN_PROGRESS, COMPLETED or FAILED",
                    schema = @Schema(enumeration = {"IN_PROGRESS", "COMPLETED", "FAILED"})) @QueryParam("status") String status,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Restore.Status s = Params.choice("status", status, Restore.Status.class);
        return new Page<>(restores.page(id, s, offset, limit).stream().map(r -> RestoreView.of(r, List.of())).toList(),
                offset, limit, restores.count(id, s));
    }

    @GET
    @Path("{restoreId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getRestore", summary = "Get a restore of a dSource")
    @APIResponse(responseCode = "200", description = "The restore",
            content = @Content(schema = @Schema(implementation = RestoreView.class)))
    @APIResponse(responseCode = "404", description = "No such dSource or restore",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestoreView get(@PathParam("id") UUID id, @PathParam("restoreId") UUID restoreId) {
        return RestoreView.of(restores.get(id, restoreId), List.of());
    }

    /** The OpenAPI shape of a page of restores (Page is generic). */
    @Schema(name = "RestorePage", description = "A page of restores, newest first")
    public record RestorePage(List<RestoreView> items,
            @Schema(examples = "0") int offset, @Schema(examples = "50") int limit, @Schema(examples = "1") long total) {
    }
}
