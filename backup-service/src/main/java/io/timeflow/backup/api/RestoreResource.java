package io.timeflow.backup.api;

import io.timeflow.backup.domain.SuiteRestore;
import io.timeflow.backup.domain.RestoreService;
import io.timeflow.platform.api.Page;
import io.timeflow.platform.history.ChangeHistory;
import io.timeflow.platform.history.ChangeHistoryPage;
import io.timeflow.platform.history.ChangeRecord;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/restores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Restores", description = "Restores of the whole suite from a backup, across versions")
public class RestoreResource {

    private final RestoreService restores;

    @Inject
    ChangeHistory changes;

    @Inject
    public RestoreResource(RestoreService restores) {
        this.restores = restores;
    }

    @POST
    @RolesAllowed(Roles.BACKUP_ADMIN)
    @Operation(operationId = "createRestore", summary = "Restore the suite from a backup (destructive)",
            description = "Replaces every service's data with the backup's, brought to the running version, on this installation or another one: the backup's data-encryption keys join the key ring, so its secrets open here; backup-service's catalogue, restore history and schedule are merged with this installation's. Nothing changes until the archive was checked whole and a safety backup taken; writes are refused (503 MAINTENANCE_IN_PROGRESS) while it runs; a failure leaves the previous data in place.")
    @APIResponse(responseCode = "202", description = "Accepted: the job runs",
            content = @Content(schema = @Schema(implementation = Views.RestoreView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request, or confirm does not repeat the backup id (CONFIRMATION_REQUIRED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such backup",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A backup or restore runs (OPERATION_IN_PROGRESS), the backup has no archive (BACKUP_NOT_AVAILABLE, ARCHIVE_MISSING), or the database has no room to load it beside the live data (INSUFFICIENT_DATABASE_SPACE, naming both figures)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The backup is newer than the suite (BACKUP_NEWER_THAN_SUITE, naming both versions)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull Views.RestoreRequest request, @Context UriInfo uri) {
        SuiteRestore r = restores.request(request.backupId(), request.confirm(), Optional.ofNullable(request.passphrase()));
        return Response.accepted(Views.RestoreView.of(r))
                .location(uri.getAbsolutePathBuilder().path(r.id().toString()).build()).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listRestores", summary = "List restores, newest first")
    @APIResponse(responseCode = "200", description = "A page of restores")
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Views.RestoreView> list(
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(restores.page(offset, limit).stream().map(Views.RestoreView::of).toList(), offset, limit,
                restores.count());
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getRestoreHistory",
            summary = "The restore's history: every change with who made it (subject, role, token or key id) and when")
    @APIResponse(responseCode = "200", description = "The changes, oldest first",
            content = @Content(schema = @Schema(implementation = ChangeHistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such restore",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ChangeRecord> history(@PathParam("id") UUID id,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return changes.page("restore", id, offset, limit, () -> restores.get(id));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getRestore", summary = "Get a restore job with its steps")
    @APIResponse(responseCode = "200", description = "The restore",
            content = @Content(schema = @Schema(implementation = Views.RestoreView.class)))
    @APIResponse(responseCode = "404", description = "No such restore",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Views.RestoreView get(@PathParam("id") UUID id) {
        return Views.RestoreView.of(restores.get(id));
    }
}
