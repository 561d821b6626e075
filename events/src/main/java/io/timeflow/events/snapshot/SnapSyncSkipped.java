package io.timeflow.events.snapshot;

import java.time.Instant;

/**
 * A SnapSync ended without a snapshot because there was nothing new to take.
 *
 * @param dsourceId          the dSource
 * @param jobId              the SnapSync job
 * @param trigger            REQUEST or POLICY
 * @param code               NO_BACKUP_FOUND, SNAPSHOT_EXISTS_FOR_BACKUP or SNAPSYNC_IN_PROGRESS
 * @param message            what happened, for people
 * @param existingSnapshotId for SNAPSHOT_EXISTS_FOR_BACKUP: the snapshot that already holds the backup
 * @param skippedAt          when it ended
 */
public record SnapSyncSkipped(
        String dsourceId,
        String jobId,
        String trigger,
        String code,
        String message,
        String existingSnapshotId,
        Instant skippedAt) implements SnapshotContextEvent {
}
