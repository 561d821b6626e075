package io.timeflow.events.snapshot;

import java.time.Instant;

/**
 * A snapshot was deleted.
 *
 * @param dsourceId  the dSource
 * @param snapshotId the snapshot
 * @param timeflowId its timeflow
 * @param reason     USER_REQUEST, RETENTION or DSOURCE_DELETED
 * @param detail     why, for people (for RETENTION: which rule of which policy)
 * @param deletedAt  when
 */
public record SnapshotDeleted(
        String dsourceId,
        String snapshotId,
        String timeflowId,
        String reason,
        String detail,
        Instant deletedAt) implements SnapshotContextEvent {
}
