package io.timeflow.staging.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RestoreStartRequest", description = "A restore is starting. Report it before running RESTORE: a refusal "
        + "(broken chain, wrong kind of backup) means the restore should not be run.")
public record RestoreStartRequest(
        @Schema(description = "The restore's id, chosen by the reporter so a script needs no JSON parsing; generated when "
                + "absent", examples = "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f") UUID restoreId,
        @NotNull @Valid BackupSetRequest backupSet,
        @NotNull @Schema(description = "RESTORE ... WITH REPLACE", examples = "false") Boolean replace,
        @NotNull @Schema(description = "RESTORE ... WITH NORECOVERY (required in RESTORING mode)", examples = "true")
        Boolean norecovery,
        @Valid @Size(max = 64) @Schema(description = "RESTORE ... WITH MOVE options") List<@NotNull @Valid FileMoveRequest> move,
        @Schema(description = "When the restore began; now when absent", examples = "2026-11-23T08:00:00Z") Instant startedAt) {
}
