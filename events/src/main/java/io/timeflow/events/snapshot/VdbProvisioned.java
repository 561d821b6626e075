package io.timeflow.events.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * A VDB was provisioned from a snapshot (never from a point in time, which staging push does not support).
 *
 * @param dsourceId           the dSource of the snapshot
 * @param vdbId               the VDB
 * @param name                its name
 * @param snapshotId          the snapshot it depends on
 * @param timeflowId          that snapshot's timeflow
 * @param targetEnvironmentId where it was provisioned
 * @param warnings            e.g. SOURCE_READ_ONLY_BACKUP
 * @param provisionedAt       when
 */
public record VdbProvisioned(
        String dsourceId,
        String vdbId,
        String name,
        String snapshotId,
        String timeflowId,
        String targetEnvironmentId,
        List<String> warnings,
        Instant provisionedAt) implements SnapshotContextEvent {
}
