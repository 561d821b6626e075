package io.timeflow.events.staging;

import java.time.Instant;

/**
 * A dSource's storage was paused at its critical threshold, or resumed. After a resume a LOG
 * restore cannot be applied (SQL Server Msg 4320) until a FULL or DIFFERENTIAL restore re-bases the
 * database: {@code logRestoreNeedsRebase} says so.
 *
 * @param dsourceId             the dSource
 * @param state                 the storage state now
 * @param logRestoreNeedsRebase whether LOG restores are refused until a FULL or DIFFERENTIAL restore
 * @param changedAt             when the change was reported
 */
public record StorageStateChanged(String dsourceId, StorageState state, boolean logRestoreNeedsRebase,
        Instant changedAt) implements DSourceEvent {
}
