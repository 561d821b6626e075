package io.timeflow.events.backup;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * A restore failed or was refused after it was accepted; the data in place is the data as it was
 * before the restore (a restore changes the live data only in its final atomic swap).
 *
 * @param restoreId the restore job
 * @param backupId  the backup that was to be restored
 * @param code      stable machine-readable reason, e.g. ARCHIVE_TAMPERED, INTERRUPTED
 * @param message   what went wrong (never a secret nor archive contents)
 * @param failedAt  when it ended
 */
public record RestoreFailed(
        String restoreId,
        String backupId,
        String code,
        String message,
        Instant failedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return restoreId;
    }
}
