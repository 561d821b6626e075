package io.timeflow.backup.api;

import io.smallrye.common.annotation.Blocking;
import io.timeflow.backup.domain.ArchiveService;
import io.timeflow.backup.domain.Backup;
import io.timeflow.backup.domain.BackupService;
import io.timeflow.backup.domain.Trigger;
import io.timeflow.platform.api.Page;
import io.timeflow.platform.history.ChangeHistory;
import io.timeflow.platform.history.ChangeHistoryPage;
import io.timeflow.platform.history.ChangeRecord;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Backups", description = "Encrypted, consistent archives of every service's schema")
public class BackupResource {

    /** Header carrying the passphrase of an uploaded archive made with another one (never logged or echoed). */
    public static final String PASSPHRASE_HEADER = "Timeflow-Archive-Passphrase";

    private final BackupService backups;
    private final ArchiveService archives;

    @Inject
    ChangeHistory changes;

    @Inject
    public BackupResource(BackupService backups, ArchiveService archives) {
        this.backups = backups;
        this.archives = archives;
    }

    @POST
    @RolesAllowed(Roles.BACKUP_ADMIN)
    @Operation(operationId = "createBackup", summary = "Take a backup of the whole suite now",
            description = "Starts a backup job (202, Location of the job). One consistent snapshot of every service's schema, streamed into an encrypted archive while the suite keeps serving.")
    @APIResponse(responseCode = "202", description = "Accepted: the job runs",
            content = @Content(schema = @Schema(implementation = Views.BackupView.class)))
    @APIResponse(responseCode = "409", description = "A backup or restore already runs (OPERATION_IN_PROGRESS), or no archive key is configured",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Context UriInfo uri) {
        Backup b = backups.request();
        return Response.accepted(Views.BackupView.of(b))
                .location(uri.getAbsolutePathBuilder().path(b.id().toString()).build()).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listBackups", summary = "List backups, newest first")
    @APIResponse(responseCode = "200", description = "A page of backups")
    @APIResponse(responseCode = "400", description = "Invalid paging or filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Views.BackupView> list(
            @QueryParam("trigger") Trigger trigger,
            @QueryParam("state") JobState state,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return new Page<>(backups.page(trigger, state, offset, limit).stream().map(Views.BackupView::of).toList(),
                offset, limit, backups.count(trigger, state));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getBackupHistory",
            summary = "The backup's history: every change with who made it (subject, role, token or key id) and when")
    @APIResponse(responseCode = "200", description = "The changes, oldest first",
            content = @Content(schema = @Schema(implementation = ChangeHistoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such backup",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ChangeRecord> history(@PathParam("id") UUID id,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return changes.page("backup", id, offset, limit, () -> backups.get(id));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getBackup", summary = "Get a backup job and its archive's manifest summary")
    @APIResponse(responseCode = "200", description = "The backup",
            content = @Content(schema = @Schema(implementation = Views.BackupView.class)))
    @APIResponse(responseCode = "404", description = "No such backup",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Views.BackupView get(@PathParam("id") UUID id) {
        return Views.BackupView.of(backups.get(id));
    }

    @GET
    @Path("{id}/archive")
    // the generated clients ask for the problem type alone when a response may be one (their Accept picks a
    // JSON type): the archive is still sent as octets
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @RolesAllowed(Roles.BACKUP_ADMIN)
    @Operation(operationId = "downloadBackupArchive", summary = "Download a backup's encrypted archive",
            description = "Needs backup-admin: the archive holds the suite's secrets (encrypted).")
    @APIResponse(responseCode = "200", description = "The archive, as stored",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such backup",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The backup has no stored archive (BACKUP_NOT_AVAILABLE), or its archive is not in this installation's store (ARCHIVE_MISSING)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response download(@PathParam("id") UUID id) {
        Backup b = archives.stored(id);
        archives.requireArchive(b);
        StreamingOutput body = out -> archives.download(id, out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"timeflow-backup-" + b.id() + ".tfbk\"")
                .header("Content-Length", b.sizeBytes())
                .build();
    }

    @POST
    @Path("{id}/verification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BACKUP_ADMIN)
    @Operation(operationId = "verifyBackup", summary = "Verify a backup without restoring it",
            description = "Decrypts the whole archive, authenticates every chunk and checks every table's checksum and row count.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = Views.VerificationRequest.class)))
    @APIResponse(responseCode = "200", description = "The archive is whole and authentic",
            content = @Content(schema = @Schema(implementation = Views.VerificationView.class)))
    @APIResponse(responseCode = "422", description = "Refused: WRONG_PASSPHRASE, ARCHIVE_TAMPERED, ARCHIVE_TRUNCATED or NOT_AN_ARCHIVE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such backup",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Views.VerificationView verify(@PathParam("id") UUID id, @Valid Views.VerificationRequest request) {
        return Views.VerificationView.of(archives.verify(id,
                Optional.ofNullable(request).map(Views.VerificationRequest::passphrase)));
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Blocking
    @RolesAllowed(Roles.BACKUP_ADMIN)
    @Operation(operationId = "uploadBackupArchive", summary = "Upload an archive (from another installation, say)",
            description = "The archive is checked whole while it is stored and kept only if every check passes; it becomes a backup with the id it was made with, ready to restore (or, for a backup of the catalogue whose archive is not in this installation's store, that backup's archive). An archive made with another passphrase needs it in the Timeflow-Archive-Passphrase header.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Stored as a backup",
            content = @Content(schema = @Schema(implementation = Views.BackupView.class)))
    @APIResponse(responseCode = "200", description = "The archive of a backup of the catalogue whose archive was not in this installation's store: stored as that backup's archive",
            content = @Content(schema = @Schema(implementation = Views.BackupView.class)))
    @APIResponse(responseCode = "409", description = "A backup with this id exists with its archive (BACKUP_EXISTS)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Refused: WRONG_PASSPHRASE, ARCHIVE_TAMPERED, ARCHIVE_TRUNCATED or NOT_AN_ARCHIVE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response upload(InputStream body, @HeaderParam(PASSPHRASE_HEADER) String passphrase, @Context UriInfo uri) {
        ArchiveService.Imported imported = archives.importArchive(body, Optional.ofNullable(passphrase));
        Backup b = imported.backup();
        Response.ResponseBuilder answer = imported.created()
                ? Response.created(uri.getBaseUriBuilder().path("api/v1/backups").path(b.id().toString()).build())
                : Response.ok();
        return answer.entity(Views.BackupView.of(b)).type(MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    // answers 204 or a problem: a client accepting only problem details (as the generated ones do) is served
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}")
    @RolesAllowed(Roles.BACKUP_ADMIN)
    @Operation(operationId = "deleteBackup", summary = "Delete a backup and its archive")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such backup",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The backup is still running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        backups.delete(id);
        return Response.noContent().build();
    }
}
