package io.timeflow.snapshot.domain.rules;

/**
 * When two restores applied the same backup, so that SnapSync does not snapshot it twice in one
 * timeflow. A backup with LSNs is identified by its type, recovery fork and LSN range (restoring
 * the same file again yields the same key, whatever its restore id); a BACPAC import, which has no
 * LSNs, by its file and the time the export finished.
 */
public final class BackupIdentity {

    private BackupIdentity() {
    }

    public static String keyOf(RestoredBackup b) {
        if (b.lastLsn() != null) {
            return "lsn:" + b.type() + ":" + nullToEmpty(b.recoveryForkGuid()) + ":" + nullToEmpty(b.firstLsn())
                    + "-" + b.lastLsn() + ":" + nullToEmpty(b.checkpointLsn());
        }
        return "file:" + b.type() + ":" + nullToEmpty(b.backupFileLocation()) + ":" + nullToEmpty(b.backupFinishedAt());
    }

    private static String nullToEmpty(Object o) {
        return o == null ? "" : o.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
