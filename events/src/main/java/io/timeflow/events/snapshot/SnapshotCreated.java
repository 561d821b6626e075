package io.timeflow.events.snapshot;

import io.timeflow.events.staging.BackupSet;
import java.time.Instant;

/**
 * SnapSync took a snapshot of the staging database.
 *
 * @param dsourceId      the dSource
 * @param snapshotId     the new snapshot
 * @param timeflowId     the timeflow it belongs to
 * @param snapSyncJobId  the SnapSync job that took it
 * @param trigger        LINK (first snapshot), REQUEST or POLICY
 * @param restoreId      the restore whose backup it holds; absent for the empty database of the first snapshot
 * @param backupSet      that restore's backup set (LSNs as decimal strings); absent for an empty database
 * @param emptyDatabase  true for the first snapshot of a database no backup was restored into
 * @param sourceReadOnly the backup came from a read-only source: provisioning from it warns
 * @param takenAt        when it was taken (UTC)
 * @param timeZone       the staging host's time zone, in which the snapshot is shown
 * @param takenAtLocal   {@code takenAt} in that zone, ISO-8601 with offset
 */
public record SnapshotCreated(
        String dsourceId,
        String snapshotId,
        String timeflowId,
        String snapSyncJobId,
        String trigger,
        String restoreId,
        BackupSet backupSet,
        boolean emptyDatabase,
        boolean sourceReadOnly,
        Instant takenAt,
        String timeZone,
        String takenAtLocal) implements SnapshotContextEvent {
}
