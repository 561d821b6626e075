package io.timeflow.backup.api;

import io.timeflow.backup.schedule.ScheduleService;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/backup-schedule")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Backup schedule", description = "Scheduled backups with retention")
public class ScheduleResource {

    private final ScheduleService schedules;

    @Inject
    public ScheduleResource(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getBackupSchedule", summary = "Get the backup schedule (off and keep 10 until set)")
    @APIResponse(responseCode = "200", description = "The schedule",
            content = @Content(schema = @Schema(implementation = Views.ScheduleView.class)))
    public Views.ScheduleView get() {
        return Views.ScheduleView.of(schedules.get());
    }

    @PUT
    @RolesAllowed(Roles.BACKUP_ADMIN)
    @Operation(operationId = "setBackupSchedule", summary = "Set the backup schedule: cron, time zone, retention",
            description = "One replica runs each fire (clustered scheduler); a fire while a backup or restore runs is skipped with a warning; after a scheduled backup only the newest `keep` scheduled backups are kept.")
    @APIResponse(responseCode = "200", description = "The schedule as set",
            content = @Content(schema = @Schema(implementation = Views.ScheduleView.class)))
    @APIResponse(responseCode = "400", description = "Invalid cron, time zone or retention",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Views.ScheduleView set(@Valid @NotNull Views.ScheduleRequest request) {
        return Views.ScheduleView.of(schedules.set(request.enabled(), request.cron(), request.timeZone(), request.keep()));
    }
}
