package io.timeflow.snapshot.domain;

import io.timeflow.platform.jobs.JobMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The suite's job metrics ({@link JobMetrics}) of SnapSync jobs, of kind {@value #KIND}. Each fact is recorded in the
 * transaction that makes it (so only when it commits): a job created ({@link #accepted}), a PENDING job claimed
 * ({@link #started}), a job that reached a terminal state ({@link #ended}, called right after each of
 * {@link SnapSyncJob}'s {@code succeeded}, {@code failed}, {@code skipped} and {@code cancelled}), and a RUNNING job
 * a stopped replica left, taken over ({@link #recovered}).
 */
@ApplicationScoped
public class SnapSyncMetrics {

    /** The kind of SnapSync jobs in the suite's job metrics. */
    public static final String KIND = "snapsync";

    private final JobMetrics metrics;

    @Inject
    public SnapSyncMetrics(JobMetrics metrics) {
        this.metrics = metrics;
    }

    /** The job was created (a request, a policy's scheduled run, or the first snapshot at link). */
    public void accepted(SnapSyncJob job) {
        metrics.accepted(KIND);
    }

    /** The job left PENDING for RUNNING: it waited in the queue from its creation till its start. */
    public void started(SnapSyncJob job) {
        metrics.started(KIND, job.createdAt(), job.startedAt());
    }

    /** The job just reached its terminal state. */
    public void ended(SnapSyncJob job) {
        if (!job.state().terminal()) {
            throw new IllegalStateException("SnapSync " + job.id() + " is " + job.state() + ", not ended");
        }
        metrics.ended(KIND, job.state(), job.startedAt(), job.finishedAt());
    }

    /** A RUNNING job left by a replica that stopped was taken over by this one. */
    public void recovered(SnapSyncJob job) {
        metrics.recovered(KIND);
    }
}
