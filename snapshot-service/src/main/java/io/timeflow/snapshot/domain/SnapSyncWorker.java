package io.timeflow.snapshot.domain;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.timeflow.snapshot.config.SnapshotConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
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
    private final SnapSyncSignal signal;
    private final SnapshotConfig config;
    private final Clock clock;
    private volatile boolean running;
    private volatile boolean paused;
    private Thread thread;

    @Inject
    public SnapSyncWorker(SnapSyncService snapsync, SnapSyncHooks hooks, SnapSyncSignal signal, SnapshotConfig config,
            Clock clock) {
        this.snapsync = snapsync;
        this.hooks = hooks;
        this.signal = signal;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.snapsync().workerEnabled()) {
            LOG.info("SnapSync worker disabled on this replica");
            return;
        }
        running = true;
        thread = new Thread(this::loop, "snapsync-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        signal.wake();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                if (paused || !runOne()) {
                    signal.await(config.snapsync().pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("SnapSync worker: %s; trying again shortly", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Stops claiming new jobs on this replica (the job being run, if any, finishes); other replicas
     * go on. Used to drain a replica, and by tests that need a job to stay PENDING.
     */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        signal.wake();
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
