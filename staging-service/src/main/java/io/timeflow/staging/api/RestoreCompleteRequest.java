package io.timeflow.staging.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RestoreCompleteRequest", description = "A restore finished. The files are the database files written "
        + "(sys.master_files); each must lie directly in the mount's DB directory. The backup set read from msdb after the "
        + "restore (restorehistory joined to backupset), when given, must agree with what the start reported, and "
        + "completes what it left out (backup times, checkpoint and database-backup LSNs).")
public record RestoreCompleteRequest(
        @NotEmpty @Size(max = 256) @Schema(description = "Database files written",
                examples = "[\"C:\\\\Program Files\\\\Delphix\\\\DelphixConnector\\\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\\\DATA\\\\DB\\\\sp.mdf\"]")
        List<@NotBlank @Size(max = 1024) String> files,
        @Schema(description = "When it finished; now when absent", examples = "2026-11-23T08:01:00Z") Instant finishedAt,
        @Valid @Schema(description = "The backup set as msdb recorded the restore (restorehistory and backupset)")
        BackupSetRequest backupSet) {
}
