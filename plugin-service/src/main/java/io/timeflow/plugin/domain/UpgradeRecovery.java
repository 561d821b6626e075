package io.timeflow.plugin.domain;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.jobs.WorkerLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Ends the upgrades whose replica stopped: an unfinished upgrade whose lease nobody holds
 * ({@link JobLeases}) cannot be resumed (its sandbox is gone), so it fails, having changed
 * nothing, and its plugin is ACTIVE again. An upgrade that another replica is running is left alone.
 * Runs on every replica when it starts and every few seconds after, so an upgrade is ended even when
 * its replica never comes back. Each upgrade it ends counts as recovered in the suite's {@link JobMetrics}
 * (and as ended FAILED, by {@link UpgradeStore#fail}).
 */
@ApplicationScoped
public class UpgradeRecovery {

    private static final Logger LOG = Logger.getLogger(UpgradeRecovery.class);
    static final long EVERY_SECONDS = 15;

    private final UpgradeStore store;
    private final JobLeases leases;
    private final JobMetrics metrics;
    private WorkerLoop timer;

    @Inject
    public UpgradeRecovery(UpgradeStore store, JobLeases leases, JobMetrics metrics) {
        this.store = store;
        this.leases = leases;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("looking for upgrades whose replica stopped failed: %s", e.getMessage());
        }
        Duration every = Duration.ofSeconds(EVERY_SECONDS);
        timer = WorkerLoop.every("upgrade-recovery", every, every, this::sweep, (e, retryIn) ->
                LOG.warnf("looking for upgrades whose replica stopped failed: %s", e.getMessage()));
        timer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.stop(true, Duration.ofSeconds(5));
        }
    }

    /** Fails every unfinished upgrade whose replica stopped; returns their ids. */
    public List<UUID> sweep() {
        List<UUID> failed = new ArrayList<>();
        for (UUID id : store.unfinished()) {
            Optional<JobLeases.Lease> abandoned = leases.takeIfAbandoned(UpgradeStore.LEASES, id);
            if (abandoned.isEmpty()) {
                continue; // its replica runs it
            }
            try (JobLeases.Lease lease = abandoned.get()) {
                LOG.warnf("upgrade %s lost the replica that ran it; it fails and changed nothing", lease.jobId());
                if (store.fail(id, UpgradeCode.UPGRADE_INTERRUPTED, "the replica running the upgrade stopped; "
                        + "nothing was changed, request the upgrade again", null)) {
                    // committed: this replica ended it (not when it had ended meanwhile)
                    metrics.recovered(UpgradeStore.JOB_KIND);
                }
                failed.add(id);
            }
        }
        return failed;
    }
}
