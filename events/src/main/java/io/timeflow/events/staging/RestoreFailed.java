package io.timeflow.events.staging;

import java.time.Instant;

/** A restore failed on the staging host; the last restored backup stays what it was. */
public record RestoreFailed(String dsourceId, String restoreId, BackupType backupType, String reason,
        Instant startedAt, Instant failedAt) implements DSourceEvent {
}
