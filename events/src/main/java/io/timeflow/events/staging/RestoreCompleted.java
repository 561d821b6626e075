package io.timeflow.events.staging;

import java.time.Instant;
import java.util.List;

/**
 * A restore finished: the backup set is now the last restored backup of the dSource, the one
 * SnapSync snapshots next.
 *
 * @param dsourceId     the dSource
 * @param restoreId     the restore
 * @param backupSet     what was restored
 * @param replace       restored WITH REPLACE
 * @param norecovery    restored WITH NORECOVERY (database left RESTORING)
 * @param files         database files written, each directly under the mount's DB directory
 * @param startedAt     when the restore began
 * @param finishedAt    when it finished
 */
public record RestoreCompleted(
        String dsourceId,
        String restoreId,
        BackupSet backupSet,
        boolean replace,
        boolean norecovery,
        List<String> files,
        Instant startedAt,
        Instant finishedAt) implements DSourceEvent {
}
