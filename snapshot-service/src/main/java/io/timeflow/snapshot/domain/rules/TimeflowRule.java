package io.timeflow.snapshot.domain.rules;

import io.timeflow.events.staging.DatabaseStateMode;
import java.util.Locale;

/**
 * Which timeflow a snapshot of a backup goes on. A RESTORING-mode dSource starts a new timeflow when
 * the backup's recovery fork GUID differs from the current timeflow's; a timeflow that has no fork
 * yet (only the empty database of the first snapshot) takes the first backup's fork. An ONLINE-mode
 * dSource follows a single timeflow, whatever the fork (a limitation of staging push).
 */
public final class TimeflowRule {

    /** What to do with the current timeflow before the snapshot is placed on it. */
    public enum Change {
        /** Stay on the current timeflow. */
        SAME,
        /** Stay, and record the backup's fork as the current timeflow's (it had none). */
        ADOPT_FORK,
        /** Start a new timeflow that follows the backup's fork. */
        NEW_TIMEFLOW
    }

    private TimeflowRule() {
    }

    public static Change forBackup(DatabaseStateMode mode, String currentFork, String backupFork) {
        if (backupFork == null || mode == DatabaseStateMode.ONLINE) {
            return currentFork == null && backupFork != null ? Change.ADOPT_FORK : Change.SAME;
        }
        if (currentFork == null) {
            return Change.ADOPT_FORK;
        }
        return same(currentFork, backupFork) ? Change.SAME : Change.NEW_TIMEFLOW;
    }

    private static boolean same(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
