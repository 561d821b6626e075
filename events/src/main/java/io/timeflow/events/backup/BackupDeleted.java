package io.timeflow.events.backup;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * A stored backup archive was deleted.
 *
 * @param backupId  the backup
 * @param reason    MANUAL (an operator deleted it) or RETENTION (the schedule keeps only the newest N)
 * @param deletedAt when it was deleted
 */
public record BackupDeleted(
        String backupId,
        String reason,
        Instant deletedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return backupId;
    }
}
