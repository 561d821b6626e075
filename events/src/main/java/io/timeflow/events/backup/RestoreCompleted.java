package io.timeflow.events.backup;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;
import java.util.List;

/**
 * A restore swapped the restored data in: every service now serves the state of the backup (brought
 * to the running version). Consumers that keep views of Timeflow data should resynchronise.
 *
 * @param restoreId      the restore job
 * @param backupId       the backup restored
 * @param safetyBackupId the backup taken just before, holding the data that was replaced
 * @param backupVersion  the suite version the backup was taken with
 * @param runningVersion the suite version the data was brought to
 * @param upgraded       whether migrations ran on the restored data to bring it to the running version
 * @param schemas        the schemas replaced
 * @param snapshotAt     the moment of the data now in place
 * @param completedAt    when the swap committed
 */
public record RestoreCompleted(
        String restoreId,
        String backupId,
        String safetyBackupId,
        String backupVersion,
        String runningVersion,
        boolean upgraded,
        List<String> schemas,
        Instant snapshotAt,
        Instant completedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return restoreId;
    }
}
