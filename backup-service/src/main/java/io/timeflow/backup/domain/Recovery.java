package io.timeflow.backup.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.timeflow.backup.engine.SuiteLoader;
import io.timeflow.backup.persistence.BackupRepository;
import io.timeflow.backup.persistence.OperationLockRepository;
import io.timeflow.backup.persistence.SuiteRestoreRepository;
import io.timeflow.events.backup.BackupFailed;
import io.timeflow.events.backup.MaintenanceEnded;
import io.timeflow.events.backup.RestoreFailed;
import io.timeflow.platform.db.DatabaseSessions;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.jobs.WorkerLoop;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finishes the jobs of a replica that died while holding the backup/restore lock (nobody holds the
 * job's lease, ADR 0158): a backup is marked failed; a restore that had not swapped is marked failed, its partly
 * loaded schemas dropped and maintenance ended (the live data was never touched); one that had
 * swapped is completed (and the backup schedule made to follow the restored one, as the restore would have). Runs on every replica at start and every few seconds; the job's lease,
 * which the recovering replica holds while it works, and the lock row's row lock make one replica do it.
 */
@ApplicationScoped
public class Recovery {

    private static final Logger LOG = Logger.getLogger(Recovery.class);

    private final OperationLock lock;
    private final BackupRepository backups;
    private final SuiteRestoreRepository restores;
    private final RestoreService restoreService;
    private final SuiteMaintenance maintenanceFlags;
    private final DatabaseSessions sessions;
    private final Outbox outbox;
    private final Clock clock;
    private final JobMetrics metrics;
    private final Event<SuiteRestored> restored;
    private WorkerLoop timer;

    @Inject
    public Recovery(OperationLock lock, BackupRepository backups, SuiteRestoreRepository restores,
            RestoreService restoreService, SuiteMaintenance maintenanceFlags, DatabaseSessions sessions, Outbox outbox,
            Clock clock, JobMetrics metrics, Event<SuiteRestored> restored) {
        this.restored = restored;
        this.clock = clock;
        this.metrics = metrics;
        this.lock = lock;
        this.backups = backups;
        this.restores = restores;
        this.restoreService = restoreService;
        this.maintenanceFlags = maintenanceFlags;
        this.sessions = sessions;
        this.outbox = outbox;
    }

    void onStart(@Observes StartupEvent event) {
        timer = WorkerLoop.every("backup-recovery", Duration.ZERO, Duration.ofSeconds(10), this::sweep,
                (e, retryIn) -> LOG.warnf("recovery sweep failed: %s", e.getMessage()));
        timer.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.stop(true, Duration.ofSeconds(5));
        }
    }

    /** Recovers the job of a dead holder, if there is one; returns what was recovered. */
    public Optional<String> sweep() {
        Optional<OperationLockRepository.Holder> running = QuarkusTransaction.requiringNew().call(lock::running);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Optional<JobLeases.Lease> abandoned = lock.takeIfAbandoned(running.get().jobId());
        if (abandoned.isEmpty()) {
            return Optional.empty(); // its replica runs it
        }
        try (JobLeases.Lease lease = abandoned.get()) {
            return recover(running.get());
        }
    }

    private Optional<String> recover(OperationLockRepository.Holder h) {
        LOG.warnf("%s %s lost its holder %s (no heartbeat since %s): recovering it", h.kind().toLowerCase(),
                h.jobId(), h.holder(), h.heartbeatAt());
        if (h.kind().equals(OperationLock.Kind.RESTORE.name())) {
            try (Connection c = sessions.open("timeflow-recovery")) {
                SuiteLoader.dropRestoreSchemas(c, RestoreService.suffixOf(h.jobId()));
            } catch (Exception e) {
                LOG.warnf("dropping the schemas of restore %s failed: %s", h.jobId(), e.getMessage());
                return Optional.empty();
            }
        }
        List<SuiteRestored> completed = new ArrayList<>();
        Optional<String> recovered = QuarkusTransaction.requiringNew().call(() -> {
            completed.clear();
            Optional<OperationLockRepository.Holder> still = lock.running().filter(x -> x.jobId().equals(h.jobId()));
            if (still.isEmpty()) {
                return Optional.empty();
            }
            String message = "the replica running it stopped, or could not record how it ended (no heartbeat since "
                    + h.heartbeatAt() + ")";
            if (h.kind().equals(OperationLock.Kind.BACKUP.name())) {
                backups.find(h.jobId()).filter(b -> !b.state().finished()).ifPresent(b -> {
                    b.failed(clock.instant(), BackupJobCode.INTERRUPTED.name(), message);
                    metrics.ended(b);
                    metrics.recovered(JobKind.BACKUP);
                    outbox.publish(new BackupFailed(b.id().toString(), b.trigger().name(),
                            BackupJobCode.INTERRUPTED.name(), message, clock.instant()), Actor.SYSTEM);
                });
            } else {
                maintenanceFlags.clear(h.jobId().toString());
                restores.find(h.jobId()).filter(r -> !r.state().finished()).ifPresent(r -> {
                    if (r.swappedAt() != null) {
                        restoreService.completeAfterSwap(r, message, Actor.SYSTEM);
                        completed.add(new SuiteRestored(r.id(), r.backupId()));
                    } else {
                        r.failed(clock.instant(), BackupJobCode.INTERRUPTED.name(),
                                message + "; the previous data is in place");
                        outbox.publish(new RestoreFailed(r.id().toString(), r.backupId().toString(),
                                BackupJobCode.INTERRUPTED.name(), message, clock.instant()), Actor.SYSTEM);
                    }
                    outbox.publish(new MaintenanceEnded(r.id().toString(), RestoreService.OPERATION,
                            (r.swappedAt() != null ? JobState.SUCCEEDED : JobState.FAILED).name(), clock.instant()),
                            Actor.SYSTEM);
                    metrics.ended(r);
                    metrics.recovered(JobKind.RESTORE);
                });
            }
            lock.release(h.jobId());
            return Optional.of(h.kind() + " " + h.jobId());
        });
        // what a restore does once its swap has committed, done for it: the backup schedule follows the restored one
        completed.forEach(restored::fire);
        return recovered;
    }

}
