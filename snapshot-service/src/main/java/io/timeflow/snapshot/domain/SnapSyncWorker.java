package io.timeflow.snapshot.domain;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.timeflow.platform.jobs.WorkerLoop;
import io.timeflow.snapshot.config.SnapshotConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs SnapSync jobs on this replica: claims PENDING jobs (or RUNNING ones a dead replica left) with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and never run one job twice at once.
 */
@ApplicationScoped
public class SnapSyncWorker {

    private static final Logger LOG = Logger.getLogger(SnapSyncWorker.class);

    private final SnapSyncService snapsync;
    private final SnapSyncHooks hooks;
    private final SnapshotConfig config;
    private final Clock clock;
    private final WorkerLoop loop;

    @Inject
    public SnapSyncWorker(SnapSyncService snapsync, SnapSyncHooks hooks, SnapSyncSignal signal, SnapshotConfig config,
            Clock clock) {
        this.snapsync = snapsync;
        this.hooks = hooks;
        this.config = config;
        this.clock = clock;
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
        Optional<UUID> claimed = snapsync.claimNext(clock.instant().minus(config.snapsync().staleAfter()));
        claimed.ifPresent(snapsync::execute);
        return claimed.isPresent() || moved > 0;
    }
}
