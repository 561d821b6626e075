package io.timeflow.events.snapshot;

import java.time.Instant;

/**
 * A VDB was refreshed to the latest snapshot of its dSource; it no longer depends on the snapshot it had.
 *
 * @param dsourceId          the dSource of both snapshots
 * @param vdbId              the VDB
 * @param name               its name
 * @param previousSnapshotId the snapshot it was on
 * @param snapshotId         the snapshot it is on now
 * @param timeflowId         that snapshot's timeflow
 * @param refreshedAt        when
 */
public record VdbRefreshed(
        String dsourceId,
        String vdbId,
        String name,
        String previousSnapshotId,
        String snapshotId,
        String timeflowId,
        Instant refreshedAt) implements SnapshotContextEvent {
}
