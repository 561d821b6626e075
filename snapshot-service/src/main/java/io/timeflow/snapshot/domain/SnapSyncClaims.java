package io.timeflow.snapshot.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.snapshot.persistence.SnapSyncJobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Which replica runs a SnapSync job: the one that claims it, under the job's lease (ADR 0158). A claim takes the
 * oldest PENDING job, or a RUNNING one whose lease nobody holds (the replica that ran it stopped: it is run again at
 * once, the decision being idempotent), with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and never
 * run one job twice at once. The lease is held until the job's step is done, so that the other replicas know the
 * job is being run between its claim and its step.
 */
@ApplicationScoped
public class SnapSyncClaims {

    private static final Logger LOG = Logger.getLogger(SnapSyncClaims.class);
    /** The leases of SnapSync jobs; the namespace "TFSS" of their advisory locks. */
    public static final JobLeases.Space LEASES = new JobLeases.Space(SnapSyncJob.KIND, 0x54465353);
    /** Jobs looked at per claim: RUNNING ones whose replica is alive are passed over. */
    static final int CANDIDATES = 10;

    /** A job this replica claimed (now RUNNING), with its lease: closing it lets the other replicas take the job. */
    public record Claimed(UUID jobId, JobLeases.Lease lease) {
    }

    private final SnapSyncJobRepository jobs;
    private final JobLeases leases;
    private final JobMetrics metrics;
    private final Clock clock;

    @Inject
    public SnapSyncClaims(SnapSyncJobRepository jobs, JobLeases leases, JobMetrics metrics, Clock clock) {
        this.jobs = jobs;
        this.leases = leases;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Claims the next job to run and marks it RUNNING, in its own transaction; its lease is the caller's to close. */
    public Optional<Claimed> claimNext() {
        List<JobLeases.Lease> taken = new ArrayList<>(1);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                for (UUID id : jobs.claimable(CANDIDATES)) {
                    Optional<JobLeases.Lease> lease = leases.takeIfAbandoned(LEASES, id);
                    if (lease.isEmpty()) {
                        continue; // a live replica claimed it and is about to run it
                    }
                    taken.add(lease.get());
                    SnapSyncJob job = jobs.find(id).orElseThrow();
                    if (job.state() == JobState.PENDING) {
                        job.start(clock.instant());
                        metrics.started(job);
                    } else {
                        LOG.warnf("SnapSync %s was left RUNNING since %s by a replica that stopped; running it again",
                                id, job.startedAt());
                        metrics.recovered(SnapSyncJob.KIND);
                    }
                    return Optional.of(new Claimed(id, lease.get()));
                }
                return Optional.<Claimed>empty();
            });
        } catch (RuntimeException | Error e) {
            taken.forEach(JobLeases.Lease::close);
            throw e;
        }
    }
}
