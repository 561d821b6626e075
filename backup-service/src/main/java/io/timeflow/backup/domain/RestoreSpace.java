package io.timeflow.backup.domain;

import io.timeflow.platform.problem.ProblemException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The rule that a restore starts only when the database has room to load the backup beside the live
 * schemas (ADR 0093): a restore builds a second copy of every schema before it swaps them, so the
 * target needs about what the backup's schemas took on disk when it was taken, plus a margin.
 */
public final class RestoreSpace {

    /**
     * For archives whose manifest does not record their schemas' size (earlier versions): the archive's
     * table data (binary COPY) times this, or, failing that, the archive's compressed size times
     * {@link #PER_ARCHIVE_BYTE}; both over-estimate what the suite's data takes (indexes included).
     */
    static final double PER_DATA_BYTE = 2.0;
    static final double PER_ARCHIVE_BYTE = 12.0;

    /** What loading a backup needs, and how that was worked out. */
    public record Need(long bytes, String basis) {
    }

    private RestoreSpace() {
    }

    /** What loading {@code backup} beside the live schemas needs. */
    public static Need needed(Backup backup, double margin) {
        if (backup.databaseBytes() != null) {
            return new Need(Math.round(backup.databaseBytes() * (1 + margin)), "what its schemas took on disk when it was taken, plus "
                    + Math.round(margin * 100) + "%");
        }
        if (backup.dataBytes() != null) {
            return new Need(Math.round(backup.dataBytes() * PER_DATA_BYTE * (1 + margin)),
                    "twice its table data, plus " + Math.round(margin * 100) + "% (its manifest does not record its size on disk)");
        }
        long size = backup.sizeBytes() == null ? 0 : backup.sizeBytes();
        return new Need(Math.round(size * PER_ARCHIVE_BYTE * (1 + margin)),
                Math.round(PER_ARCHIVE_BYTE) + " times its compressed size, plus " + Math.round(margin * 100)
                        + "% (its manifest does not record its size)");
    }

    /** Throws 409 INSUFFICIENT_DATABASE_SPACE, naming both figures, when {@code free} is known and too small. */
    public static void require(Backup backup, Need need, OptionalLong free, String where) {
        if (free.isEmpty() || free.getAsLong() >= need.bytes()) {
            return;
        }
        throw ProblemException.of(BackupProblem.INSUFFICIENT_DATABASE_SPACE, "restoring backup " + backup.id() + " needs "
                        + human(need.bytes()) + " of free database space to load it beside the live schemas (" + need.basis()
                        + "), but only " + human(free.getAsLong()) + " is free (" + where + "): make room or give the"
                        + " database more storage, then restore again")
                .with("neededBytes", need.bytes())
                .with("freeBytes", free.getAsLong());
    }

    /** Bytes in binary units with one decimal (1.5 GiB). */
    public static String human(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s (%d bytes)", v, units[u], bytes);
    }
}
