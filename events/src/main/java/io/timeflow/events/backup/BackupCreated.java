package io.timeflow.events.backup;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;
import java.util.List;

/**
 * A backup archive of the suite was written and stored: it can be downloaded, verified and restored.
 *
 * @param backupId       the backup
 * @param trigger        MANUAL, SCHEDULED, SAFETY (taken by a restore before it changes anything) or UPLOADED
 * @param appVersion     the suite's version when the data was read
 * @param schemas        the schemas the archive holds, each with its migration version
 * @param sizeBytes      the size of the stored archive
 * @param keyFingerprint fingerprint of the key that encrypts the archive (names it without revealing it)
 * @param snapshotAt     the moment of the consistent database snapshot the archive holds
 * @param completedAt    when the archive was stored
 */
public record BackupCreated(
        String backupId,
        String trigger,
        String appVersion,
        List<SchemaVersion> schemas,
        long sizeBytes,
        String keyFingerprint,
        Instant snapshotAt,
        Instant completedAt) implements TimeflowEvent {

    /** A schema and the migration version its data is at. */
    public record SchemaVersion(String schema, String migrationVersion) {
    }

    @Override
    public String aggregateId() {
        return backupId;
    }
}
