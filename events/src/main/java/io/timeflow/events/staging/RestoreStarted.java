package io.timeflow.events.staging;

import java.time.Instant;

/** A restore into the staging database began; no other restore may start until it ends. */
public record RestoreStarted(String dsourceId, String restoreId, BackupType backupType, Instant startedAt)
        implements DSourceEvent {
}
