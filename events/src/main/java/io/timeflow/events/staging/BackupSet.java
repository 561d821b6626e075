package io.timeflow.events.staging;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The backup set a restore applied, as {@code msdb.dbo.backupset} describes it. LSNs are
 * {@code numeric(25,0)} in SQL Server and travel as decimal strings so no consumer loses digits.
 *
 * @param type               FULL, DIFFERENTIAL, LOG or BACPAC
 * @param backupFileLocation where the backup file was read from (e.g. {@code \\host\Backup\sp.bak})
 * @param firstLsn           first LSN in the backup set (null for BACPAC)
 * @param lastLsn            last LSN (the next log backup starts here)
 * @param checkpointLsn      checkpoint LSN
 * @param databaseBackupLsn  for a differential or log: the checkpoint LSN of the full backup it is based on
 * @param recoveryForkGuid   the recovery fork the backup belongs to (a new fork starts a new timeflow)
 * @param backupStartedAt    when the backup was taken (start)
 * @param backupFinishedAt   when the backup was taken (finish)
 * @param sourceReadOnly     whether the source database was read-only when backed up (provisioning from it warns)
 */
public record BackupSet(
        BackupType type,
        String backupFileLocation,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger firstLsn,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger lastLsn,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger checkpointLsn,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger databaseBackupLsn,
        String recoveryForkGuid,
        Instant backupStartedAt,
        Instant backupFinishedAt,
        boolean sourceReadOnly) {
}
