package io.timeflow.events.snapshot;

import java.time.Instant;

/**
 * A dSource started a new timeflow: at link, or (RESTORING mode only) when the recovery fork GUID
 * of the restored backup changed. An ONLINE-mode dSource has a single timeflow.
 *
 * @param dsourceId          the dSource
 * @param timeflowId         the new timeflow, now the dSource's current one
 * @param ordinal            1 for the first timeflow of the dSource, then 2, 3, ...
 * @param recoveryForkGuid   the recovery fork it follows; absent until a backup is snapshotted on it
 * @param reason             LINKED or RECOVERY_FORK_CHANGED
 * @param previousTimeflowId the timeflow it replaces as current
 * @param createdAt          when
 */
public record TimeflowCreated(
        String dsourceId,
        String timeflowId,
        int ordinal,
        String recoveryForkGuid,
        String reason,
        String previousTimeflowId,
        Instant createdAt) implements SnapshotContextEvent {
}
