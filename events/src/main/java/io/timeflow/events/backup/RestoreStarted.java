package io.timeflow.events.backup;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * A restore of the suite from a backup began: the archive was verified and accepted, the suite is
 * quiesced ({@link MaintenanceStarted} with the same restore id comes first).
 *
 * @param restoreId      the restore job
 * @param backupId       the backup being restored
 * @param backupVersion  the suite version the backup was taken with
 * @param runningVersion the suite version it is restored into (equal or newer)
 * @param startedAt      when it began
 */
public record RestoreStarted(
        String restoreId,
        String backupId,
        String backupVersion,
        String runningVersion,
        Instant startedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return restoreId;
    }
}
