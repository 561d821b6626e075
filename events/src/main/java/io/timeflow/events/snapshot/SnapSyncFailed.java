package io.timeflow.events.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * A SnapSync failed: a prerequisite did not hold (or the service could not take the snapshot).
 *
 * @param dsourceId           the dSource
 * @param jobId               the SnapSync job
 * @param trigger             LINK, REQUEST or POLICY
 * @param code                the first failing prerequisite (e.g. STATE_MATCHES_MODE) or another stable code
 * @param reason              what failed, for people
 * @param failedPrerequisites every prerequisite that did not hold
 * @param failedAt            when it ended
 */
public record SnapSyncFailed(
        String dsourceId,
        String jobId,
        String trigger,
        String code,
        String reason,
        List<String> failedPrerequisites,
        Instant failedAt) implements SnapshotContextEvent {
}
