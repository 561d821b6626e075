package io.timeflow.snapshot.domain.rules;

import io.timeflow.events.staging.BackupType;
import java.math.BigInteger;
import java.time.Instant;

/** A backup staging-service restored into the staging database, as its restore.completed event described it. */
public record RestoredBackup(
        String restoreId,
        BackupType type,
        String backupFileLocation,
        BigInteger firstLsn,
        BigInteger lastLsn,
        BigInteger checkpointLsn,
        BigInteger databaseBackupLsn,
        String recoveryForkGuid,
        Instant backupStartedAt,
        Instant backupFinishedAt,
        boolean sourceReadOnly) {

    /** What makes two restores the same backup (see {@link BackupIdentity}). */
    public String key() {
        return BackupIdentity.keyOf(this);
    }
}
