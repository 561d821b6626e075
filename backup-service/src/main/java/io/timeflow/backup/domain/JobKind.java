package io.timeflow.backup.domain;

/**
 * The kinds of backup-service's jobs, as the suite's job metrics tag them ({@link io.timeflow.platform.jobs.JobMetrics},
 * ADR 155). A safety backup taken by a restore is a backup job of its own (its own row, start and end): it counts as a
 * {@link #BACKUP}, beside its restore.
 */
public final class JobKind {

    public static final String BACKUP = "backup";
    public static final String RESTORE = "restore";

    private JobKind() {
    }
}
