package io.timeflow.chaos;

import java.util.Random;
import java.util.UUID;

/**
 * The production database behind one dSource, as its staging host's agent sees it: it takes full,
 * differential and log backups whose LSNs follow SQL Server's rules, so that the restores the agent
 * reports form a contiguous chain (a log starts where the previous log ended, or contains the
 * position a full or differential left; a differential belongs to the last full). Now and then a
 * full backup comes from a new recovery fork (a restore of the source with RECOVERY, which starts
 * a new timeflow).
 */
final class SourceDatabase {

    /** A backup to restore: what the agent reports when it starts the restore. */
    record Backup(String type, long firstLsn, long lastLsn, Long checkpointLsn, Long databaseBackupLsn, UUID fork,
            boolean replace) {

        String describe() {
            return type + " " + firstLsn + "-" + lastLsn;
        }
    }

    private final Random random;
    private UUID fork;
    private long lsn = 1_000;
    /** Where the staging database stands after the last restore the agent knows completed. */
    private Backup applied;
    private long baseCheckpoint;

    SourceDatabase(Random random) {
        this.random = random;
        this.fork = new UUID(random.nextLong(), random.nextLong());
    }

    /** The next backup to restore, given what was restored so far. */
    Backup next() {
        lsn += 50 + random.nextInt(400);
        if (applied == null || random.nextInt(100) < 4) {
            if (applied != null && random.nextInt(100) < 40) {
                fork = new UUID(random.nextLong(), random.nextLong());
            }
            long first = lsn;
            long checkpoint = first + 10 + random.nextInt(20);
            lsn = checkpoint + 20 + random.nextInt(100);
            return new Backup("FULL", first, lsn, checkpoint, null, fork, true);
        }
        long position = applied.lastLsn();
        if (random.nextInt(100) < 10) {
            return new Backup("DIFFERENTIAL", position + 1, lsn, null, baseCheckpoint, fork, false);
        }
        // a log backup: after a log it starts exactly where the previous ended; after a full or a
        // differential it contains the position they left
        long first = "LOG".equals(applied.type()) ? position : Math.max(1, position - random.nextInt(30));
        return new Backup("LOG", first, lsn, null, null, fork, false);
    }

    /** The restore of {@code b} completed: the staging database stands at its last LSN. */
    void restored(Backup b) {
        applied = b;
        if ("FULL".equals(b.type())) {
            baseCheckpoint = b.checkpointLsn();
        }
        lsn = Math.max(lsn, b.lastLsn());
    }
}
