package io.timeflow.backup.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.backup.archive.ArchiveFormat;
import io.timeflow.backup.archive.ArchiveWriter;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.archive.Manifest;
import io.timeflow.backup.archive.RingMaterial;
import io.timeflow.backup.config.BackupConfig;
import io.timeflow.backup.engine.SuiteDumper;
import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.backup.engine.SuiteRing;
import io.timeflow.backup.persistence.BackupRepository;
import io.timeflow.backup.storage.ArchiveStore;
import io.timeflow.events.backup.BackupCreated;
import io.timeflow.events.backup.BackupDeleted;
import io.timeflow.events.backup.BackupFailed;
import io.timeflow.platform.config.TimeflowConfig;
import io.timeflow.platform.crypto.SecretCipher;
import io.timeflow.platform.db.DatabaseSessions;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.problem.Warning;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Backups of the whole suite: taken on request, by the schedule or by a restore (safety backup), one
 * at a time; listed and deleted ({@link ArchiveService} reads, verifies, downloads and uploads their archives). Every state change other systems
 * care about is announced on {@code timeflow.backup.v1} in the transaction that makes it.
 */
@ApplicationScoped
public class BackupService {

    private static final Logger LOG = Logger.getLogger(BackupService.class);


    private final BackupRepository backups;
    private final OperationLock lock;
    private final Outbox outbox;
    private final CurrentActor actors;
    private final ArchiveKeys keys;
    private final ArchiveStore store;
    private final DatabaseSessions sessions;
    private final BackupConfig config;
    private final TimeflowConfig suite;
    private final SecretCipher cipher;
    private final JobRunner runner;
    private final Installation installation;
    private final Clock clock;
    private final ArchiveService archives;
    private final JobMetrics metrics;

    @Inject
    public BackupService(BackupRepository backups, OperationLock lock, Outbox outbox, CurrentActor actors,
            ArchiveKeys keys, ArchiveStore store, DatabaseSessions sessions, BackupConfig config, TimeflowConfig suite,
            SecretCipher cipher, JobRunner runner, Installation installation, Clock clock, ArchiveService archives,
            JobMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
        this.archives = archives;
        this.backups = backups;
        this.lock = lock;
        this.outbox = outbox;
        this.actors = actors;
        this.keys = keys;
        this.store = store;
        this.sessions = sessions;
        this.config = config;
        this.suite = suite;
        this.cipher = cipher;
        this.runner = runner;
        this.installation = installation;
    }

    public String runningVersion() {
        return suite.service().version();
    }

    /** Starts a backup an operator asked for: 409 while another backup or restore runs. */
    public Backup request() {
        Actor actor = actors.get();
        KeySource archiveKeys = keys.configuredKeys();
        UUID id = UUID.randomUUID();
        OperationLock.Accepted<Backup> accepted = lock.accept(OperationLock.Kind.BACKUP, id, () -> {
            Backup b = new Backup(id, Trigger.MANUAL, actor.subject(), clock.instant(), installation.id());
            backups.add(b);
            metrics.accepted(b);
            return b;
        });
        LOG.infof("backup %s requested by %s", id, actor.subject());
        runner.submit("backup " + id, accepted.lease(), () -> runHoldingLock(id, actor, archiveKeys));
        return accepted.job();
    }

    private void runHoldingLock(UUID id, Actor actor, KeySource archiveKeys) {
        try (JobRunner.Heartbeat hb = runner.heartbeat(id)) {
            write(id, actor, archiveKeys);
        }
        // only once the job's end is recorded: a job whose end could not be (the database unreachable)
        // keeps the lock and lets its lease go (the runner closes it), and Recovery ends the job
        QuarkusTransaction.requiringNew().run(() -> lock.release(id));
    }

    /** A backup taken by a restore before it changes anything; the caller holds the lock. Throws if it fails. */
    public Backup safety(UUID restoreId, Actor actor) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Backup b = new Backup(id, Trigger.SAFETY, actor.subject(), clock.instant(), installation.id());
            b.warn(new Warning(BackupJobCode.SAFETY_BACKUP,
                    "taken by restore " + restoreId + " before it replaced the data"));
            backups.add(b);
            metrics.accepted(b); // a backup job of its own, beside its restore's
        });
        Backup done = write(id, actor, keys.configuredKeys());
        if (done.state() != JobState.SUCCEEDED) {
            throw new ProblemException(BackupProblem.SAFETY_BACKUP_FAILED,
                    "the safety backup " + id + " failed (" + done.errorCode() + "): the restore changed nothing");
        }
        return done;
    }

    /**
     * A fire of the schedule: runs a backup unless a backup or restore already runs, in which case the
     * fire is recorded as SKIPPED with a warning. Retention runs after a successful backup.
     *
     * <p>A fire is claimed by its backup row, unique per fire time, in the one transaction that also
     * takes the backup/restore lock (or records the fire as SKIPPED): a replica dying before that commit
     * leaves nothing, and the cluster runs the fire again elsewhere; one dying after it leaves a backup
     * that {@link Recovery} ends as failed, and the fire run again finds it. Either way one backup per
     * fire, never none, never two (ADR 0122).
     */
    public Backup scheduled(Instant fireTime, String instance, int keep) {
        return scheduled(fireTime, instance, keep, false);
    }

    /**
     * As {@link #scheduled(Instant, String, int)}; {@code recovering} when the cluster runs again the fire of a
     * replica that stopped (Quartz's recovery, ADR 0122): a backup this fire then records took the fire over.
     */
    public Backup scheduled(Instant fireTime, String instance, int keep, boolean recovering) {
        Actor actor = Actor.SYSTEM;
        UUID id = UUID.randomUUID();
        Optional<Backup> ran = QuarkusTransaction.requiringNew().call(() -> backups.forScheduledFire(fireTime));
        if (ran.isPresent()) {
            LOG.infof("the scheduled fire of %s already made backup %s: not run again", fireTime, ran.get().id());
            return ran.get();
        }
        KeySource archiveKeys;
        try {
            archiveKeys = keys.configuredKeys();
        } catch (ProblemException e) {
            return claimFire(fireTime, () -> {
                Backup b = new Backup(id, Trigger.SCHEDULED, actor.subject(), clock.instant(), installation.id());
                b.firedBySchedule(fireTime, instance);
                b.failed(clock.instant(), e.code(), e.getMessage());
                backups.add(b);
                acceptedFire(b, recovering);
                outbox.publish(new BackupFailed(id.toString(), Trigger.SCHEDULED.name(), e.code(), e.getMessage(),
                        clock.instant()), actor);
                return b;
            });
        }
        Backup done;
        try (JobLeases.Lease lease = lock.lease(id)) {
            Backup b = claimFire(fireTime, () -> {
                Backup fresh = new Backup(id, Trigger.SCHEDULED, actor.subject(), clock.instant(), installation.id());
                fresh.firedBySchedule(fireTime, instance);
                lock.tryAcquire(OperationLock.Kind.BACKUP, id).ifPresent(busy -> {
                    fresh.skipped(clock.instant(), new Warning(BackupJobCode.OPERATION_IN_PROGRESS, busy.getMessage()));
                    LOG.warnf("scheduled backup of %s skipped: %s", fireTime, busy.getMessage());
                });
                backups.add(fresh);
                acceptedFire(fresh, recovering);
                return fresh;
            });
            if (!b.id().equals(id) || b.state() == JobState.SKIPPED) {
                return b;
            }
            try (JobRunner.Heartbeat hb = runner.heartbeat(id)) {
                done = write(id, actor, archiveKeys);
            }
            // as for a backup on request: released once the end is recorded, else left to Recovery
            QuarkusTransaction.requiringNew().run(() -> lock.release(id));
        }
        if (done.state() == JobState.SUCCEEDED) {
            applyRetention(keep);
        }
        return done;
    }

    /** The metrics of a fire's backup, recorded when the transaction that claims the fire commits. */
    private void acceptedFire(Backup b, boolean recovering) {
        metrics.accepted(b);
        if (recovering) {
            metrics.recovered(JobKind.BACKUP);
        }
        if (b.state().finished()) {
            metrics.ended(b);
        }
    }

    /**
     * Records the backup of a fire in one transaction; when another replica's row for the same fire
     * came first (the unique index refused this one, and rolled back all of this transaction, the
     * lock with it), that replica's backup.
     */
    private Backup claimFire(Instant fireTime, java.util.concurrent.Callable<Backup> record) {
        try {
            return QuarkusTransaction.requiringNew().call(record);
        } catch (RuntimeException e) {
            Optional<Backup> other = QuarkusTransaction.requiringNew().call(() -> backups.forScheduledFire(fireTime));
            if (other.isPresent()) {
                LOG.infof("the scheduled fire of %s made backup %s on another replica: not run again", fireTime,
                        other.get().id());
                return other.get();
            }
            throw e;
        }
    }

    /** Deletes the oldest scheduled backups so that exactly {@code keep} remain. */
    public List<UUID> applyRetention(int keep) {
        UUID mine = installation.id();
        List<UUID> doomed = QuarkusTransaction.requiringNew().call(() -> RetentionPolicy.toDelete(
                RetentionPolicy.candidates(backups.storedScheduled(), mine), keep));
        for (UUID id : doomed) {
            delete(id, "RETENTION", Actor.SYSTEM);
        }
        if (!doomed.isEmpty()) {
            LOG.infof("retention kept the newest %d scheduled backups and deleted %d", keep, doomed.size());
        }
        return doomed;
    }

    /**
     * Writes the archive of backup {@code id} (PENDING), as one consistent snapshot; returns the finished job.
     * Throws only when the job's start or end could not be recorded (the database unreachable): the job
     * is then neither running nor ended in the database, and its lock must stay until Recovery ends it.
     */
    Backup write(UUID id, Actor actor, KeySource archiveKeys) {
        QuarkusTransaction.requiringNew().run(() -> {
            Backup b = backups.find(id).orElseThrow();
            b.started(clock.instant());
            metrics.started(b);
        });
        String key = ArchiveStore.keyOf(id.toString());
        long t0 = System.nanoTime();
        try (Connection c = sessions.open("timeflow-backup-" + id)) {
            SuiteDumper dumper = SuiteDumper.begin(c, SuiteMigrations.SCHEMAS);
            ArchiveStore.Upload upload = store.begin(key);
            Manifest manifest;
            long size;
            try {
                List<RingMaterial> ring = List.of();
                String activeKeyId = null;
                if (cipher.configured()) {
                    SuiteRing.Installation keys = new SuiteRing.Installation(cipher.installationKey(), cipher.previousKeys());
                    ring = dumper.ring(keys);
                    activeKeyId = dumper.activeKeyId(keys);
                }
                try (ArchiveWriter writer = ArchiveWriter.open(upload.stream(), archiveKeys, id.toString(),
                        runningVersion(), dumper.snapshotAt(), config.compressionLevel(), config.compressionWorkers())) {
                    manifest = dumper.writeTo(writer, runningVersion(), ring, activeKeyId);
                }
                size = upload.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                upload.abort();
                throw e;
            } finally {
                dumper.close();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            List<SchemaVersion> schemas = summary(manifest);
            Backup done = QuarkusTransaction.requiringNew().call(() -> {
                Backup b = backups.find(id).orElseThrow();
                b.succeeded(clock.instant(), manifest.snapshotAt(), store.kind(), key, size, manifest.appVersion(),
                        ArchiveFormat.VERSION, manifest.archiveKeyFingerprint(),
                        manifest.dataKey() == null ? null : manifest.dataKey().fingerprint(), manifest.totalRows(), schemas);
                b.archiveSizes(manifest.dataBytes(), manifest.sizeBytes());
                b.step(new Step("ARCHIVE", JobState.SUCCEEDED.name(), clock.instant(), manifest.totalRows()
                        + " rows of " + schemas.size() + " schemas, " + size + " bytes in " + ms + " ms"));
                outbox.publish(new BackupCreated(id.toString(), b.trigger().name(), manifest.appVersion(),
                        schemas.stream().map(s -> new BackupCreated.SchemaVersion(s.schema(), s.migrationVersion()))
                                .toList(), size, manifest.archiveKeyFingerprint(), manifest.snapshotAt(),
                        b.finishedAt()), actor);
                metrics.ended(b);
                return b;
            });
            LOG.infof("backup %s stored: %d rows, %d bytes, %d ms", id, manifest.totalRows(), size, ms);
            return done;
        } catch (Exception e) {
            String code = e instanceof IOException ? BackupJobCode.STORAGE_FAILED.name()
                    : e instanceof SQLException ? BackupJobCode.DATABASE_FAILED.name()
                    : e instanceof ProblemException p ? p.code() : BackupJobCode.BACKUP_FAILED.name();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.errorf("backup %s failed (%s): %s", id, code, message);
            return QuarkusTransaction.requiringNew().call(() -> {
                Backup b = backups.find(id).orElseThrow();
                b.failed(clock.instant(), code, message);
                outbox.publish(new BackupFailed(id.toString(), b.trigger().name(), code, message, clock.instant()), actor);
                metrics.ended(b);
                return b;
            });
        }
    }

    static List<SchemaVersion> summary(Manifest manifest) {
        return manifest.schemas().stream().map(s -> new SchemaVersion(s.name(), s.migrationVersion(),
                s.appliedMigrations(), s.tables().size(),
                s.tables().stream().mapToLong(t -> Math.max(0, t.rows())).sum())).toList();
    }

    public Backup get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() ->
                backups.find(id).orElseThrow(() -> ProblemException.notFound("backup", id)));
    }

    public List<Backup> page(Trigger trigger, JobState state, int offset, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> backups.page(trigger, state, offset, limit));
    }

    public long count(Trigger trigger, JobState state) {
        return QuarkusTransaction.requiringNew().call(() -> backups.count(trigger, state));
    }

    /** Deletes a backup and its archive (409 while it is running). */
    public void delete(UUID id) {
        delete(id, "MANUAL", actors.get());
    }

    void delete(UUID id, String reason, Actor actor) {
        String key = QuarkusTransaction.requiringNew().call(() -> {
            Backup b = backups.lock(id).orElseThrow(() -> ProblemException.notFound("backup", id));
            if (!b.state().finished()) {
                throw ProblemException.of(BackupProblem.BACKUP_RUNNING, "backup " + id + " is still running");
            }
            String k = b.storageKey();
            backups.remove(b);
            outbox.publish(new BackupDeleted(id.toString(), reason, clock.instant()), actor);
            return k;
        });
        if (key != null) {
            archives.deleteQuietly(key);
        }
        LOG.infof("backup %s deleted (%s)", id, reason.toLowerCase(java.util.Locale.ROOT));
    }
}
