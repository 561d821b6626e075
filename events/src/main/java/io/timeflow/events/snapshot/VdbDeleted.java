package io.timeflow.events.snapshot;

import java.time.Instant;

/** A VDB was deleted; its snapshot no longer has it as a dependant. */
public record VdbDeleted(String dsourceId, String vdbId, String name, String snapshotId, Instant deletedAt)
        implements SnapshotContextEvent {
}
