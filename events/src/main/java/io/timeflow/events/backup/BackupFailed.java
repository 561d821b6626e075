package io.timeflow.events.backup;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * A backup did not produce an archive; nothing was stored.
 *
 * @param backupId the backup job
 * @param trigger  MANUAL, SCHEDULED, SAFETY or UPLOADED
 * @param code     stable machine-readable reason, e.g. STORAGE_FAILED
 * @param message  what went wrong (never a secret nor archive contents)
 * @param failedAt when it ended
 */
public record BackupFailed(
        String backupId,
        String trigger,
        String code,
        String message,
        Instant failedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return backupId;
    }
}
