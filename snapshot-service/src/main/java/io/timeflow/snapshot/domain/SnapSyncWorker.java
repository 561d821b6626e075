package io.timeflow.snapshot.domain;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.jobs.WorkerLoop;
import io.timeflow.snapshot.config.SnapshotConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs SnapSync jobs on this replica: claims PENDING jobs (or RUNNING ones a dead replica left) under their lease
 * ({@link SnapSyncClaims}), so replicas share the work and never run one job twice at once.
 */
@ApplicationScoped
public class SnapSyncWorker {

    private static final Logger LOG = Logger.getLogger(SnapSyncWorker.class);

    private final SnapSyncService snapsync;
    private final SnapSyncClaims claims;
    private final SnapSyncHooks hooks;
    private final SnapshotConfig config;
    private final WorkerLoop loop;

    @Inject
    public SnapSyncWorker(SnapSyncService snapsync, SnapSyncClaims claims, SnapSyncHooks hooks, SnapSyncSignal signal,
            SnapshotConfig config) {
        this.snapsync = snapsync;
        this.claims = claims;
        this.hooks = hooks;
        this.config = config;
        this.loop = new WorkerLoop("snapsync-worker", signal, () -> config.snapsync().pollInterval(),
                WorkerLoop.Backoff.fixed(Duration.ofSeconds(1)), this::runOne,
                (e, retryIn) -> LOG.warnf("SnapSync worker: %s; trying again shortly", e.getMessage()));
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.snapsync().workerEnabled()) {
            LOG.info("SnapSync worker disabled on this replica");
            return;
        }
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        // a job in flight is let finish its step (up to 5 s): cutting it would leave its transaction to roll back
        loop.stop(false, Duration.ofSeconds(5));
    }

    /**
     * Moves on the jobs whose wait at a stage is over (expired hook leases, restores now known), then
     * claims and runs one job; false when there was nothing to do.
     */
    public boolean runOne() {
        int moved = hooks.advanceWaiting();
        Optional<SnapSyncClaims.Claimed> claimed = claims.claimNext();
        claimed.ifPresent(c -> {
            try (JobLeases.Lease lease = c.lease()) {
                snapsync.execute(c.jobId());
            }
        });
        return claimed.isPresent() || moved > 0;
    }
}
