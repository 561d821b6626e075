package io.timeflow.agent.sql;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One restore, as {@code msdb.dbo.restorehistory} joined to {@code msdb.dbo.backupset} (and the first
 * {@code msdb.dbo.backupmediafamily} of its media set) records it.
 *
 * @param restoreHistoryId        restorehistory.restore_history_id (int, identity)
 * @param restoreDate             restorehistory.restore_date (datetime, the server's local time, no zone)
 * @param destinationDatabaseName restorehistory.destination_database_name (nvarchar(128))
 * @param restoreType             restorehistory.restore_type (char(1)): D database, I differential, L log, F, G, V ...
 * @param replace                 restorehistory.replace (bit, nullable)
 * @param recovery                restorehistory.recovery (bit, nullable): 0 = NORECOVERY
 * @param backupSetId             backupset.backup_set_id (int)
 * @param backupType              backupset.type (char(1)): D full, I differential, L log, F, G, P, Q
 * @param firstLsn                backupset.first_lsn (numeric(25,0))
 * @param lastLsn                 backupset.last_lsn (numeric(25,0))
 * @param checkpointLsn           backupset.checkpoint_lsn (numeric(25,0))
 * @param databaseBackupLsn       backupset.database_backup_lsn (numeric(25,0))
 * @param lastRecoveryForkGuid    backupset.last_recovery_fork_guid (uniqueidentifier)
 * @param readOnly                backupset.is_readonly (bit): the database was read-only when backed up
 * @param backupStartDate         backupset.backup_start_date (datetime, local time of the backed-up server)
 * @param backupFinishDate        backupset.backup_finish_date (datetime)
 * @param timeZone                backupset.time_zone (smallint): offset from UTC in 15-minute steps; 127 unknown
 * @param physicalDeviceName      backupmediafamily.physical_device_name (nvarchar(260)): the backup file
 */
public record RestoreRow(
        int restoreHistoryId,
        LocalDateTime restoreDate,
        String destinationDatabaseName,
        String restoreType,
        Boolean replace,
        Boolean recovery,
        int backupSetId,
        String backupType,
        BigDecimal firstLsn,
        BigDecimal lastLsn,
        BigDecimal checkpointLsn,
        BigDecimal databaseBackupLsn,
        String lastRecoveryForkGuid,
        Boolean readOnly,
        LocalDateTime backupStartDate,
        LocalDateTime backupFinishDate,
        Short timeZone,
        String physicalDeviceName) {

    /** FULL, DIFFERENTIAL or LOG; null for what Timeflow does not track (file, filegroup, partial backups). */
    public String timeflowType() {
        String t = backupType == null ? "" : backupType.trim();
        return switch (t) {
            case "D" -> "FULL";
            case "I" -> "DIFFERENTIAL";
            case "L" -> "LOG";
            default -> null;
        };
    }

    /** A backupset time (local to the backed-up server) in UTC, using backupset.time_zone; null when unknown. */
    public java.time.Instant utc(LocalDateTime local) {
        if (local == null || timeZone == null || timeZone == 127) {
            return null;
        }
        return local.minusMinutes(15L * timeZone).toInstant(java.time.ZoneOffset.UTC);
    }
}
