package io.timeflow.staging.api;

import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BackupSetRequest", description = "The backup set, as RESTORE HEADERONLY and msdb.dbo.backupset describe "
        + "it. LSNs are numeric(25,0) in SQL Server: send them as strings of decimal digits. FULL needs first, last and "
        + "checkpoint LSNs; DIFFERENTIAL first, last and database-backup LSNs; LOG first and last; BACPAC none.")
public record BackupSetRequest(
        @NotNull @Schema(description = "BACPAC only for ONLINE dSources", examples = "LOG") BackupType type,
        @Size(max = 2048) @Schema(description = "Where the backup file was read from, as the staging host sees it",
                examples = "\\\\10-43-89-18\\Backup\\sp_log_0800.trn") String backupFileLocation,
        @Pattern(regexp = LSN, message = LSN_MESSAGE) @Schema(examples = "34000000021600001") String firstLsn,
        @Pattern(regexp = LSN, message = LSN_MESSAGE) @Schema(examples = "34000000023200001") String lastLsn,
        @Pattern(regexp = LSN, message = LSN_MESSAGE) @Schema(examples = "34000000021600001") String checkpointLsn,
        @Pattern(regexp = LSN, message = LSN_MESSAGE)
        @Schema(description = "For a differential or log: the checkpoint LSN of the full backup it is based on",
                examples = "34000000016800037") String databaseBackupLsn,
        @Schema(description = "The recovery fork the backup belongs to (required except for BACPAC)",
                examples = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0") UUID recoveryForkGuid,
        @Schema(description = "When the backup was taken (start)", examples = "2026-11-23T07:50:00Z") Instant backupStartedAt,
        @Schema(description = "When the backup was taken (finish)", examples = "2026-11-23T07:50:10Z") Instant backupFinishedAt,
        @NotNull @Schema(description = "Whether the source database was read-only when backed up", examples = "false")
        Boolean sourceReadOnly) {

    static final String LSN = "[0-9]{1,25}";
    static final String LSN_MESSAGE = "must be an LSN: a string of at most 25 decimal digits";

    BackupSet toBackupSet() {
        return new BackupSet(type, backupFileLocation, lsn(firstLsn), lsn(lastLsn), lsn(checkpointLsn),
                lsn(databaseBackupLsn), recoveryForkGuid == null ? null : recoveryForkGuid.toString(), backupStartedAt,
                backupFinishedAt, sourceReadOnly);
    }

    private static BigInteger lsn(String s) {
        return s == null ? null : new BigInteger(s);
    }
}
