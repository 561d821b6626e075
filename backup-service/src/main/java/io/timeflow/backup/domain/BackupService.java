package io.timeflow.backup.domain;

import io.timeflow.platform.problem.Warning;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.backup.archive.ArchiveException;
import io.timeflow.backup.archive.ArchiveFormat;
import io.timeflow.backup.archive.ArchiveHeader;
import io.timeflow.backup.archive.ArchiveReader;
import io.timeflow.backup.archive.ArchiveRekeyer;
import io.timeflow.backup.archive.ArchiveWriter;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.archive.Manifest;
import io.timeflow.backup.archive.RingMaterial;
import io.timeflow.backup.config.BackupConfig;
import io.timeflow.backup.engine.SuiteDumper;
import io.timeflow.backup.engine.SuiteRing;
import io.timeflow.backup.persistence.BackupRepository;
import io.timeflow.backup.storage.ArchiveStore;
import io.timeflow.events.backup.BackupCreated;
import io.timeflow.events.backup.BackupDeleted;
import io.timeflow.events.backup.BackupFailed;
import io.timeflow.platform.config.TimeflowConfig;
import io.timeflow.platform.crypto.SecretCipher;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * at a time; listed, verified, downloaded, uploaded and deleted. Every state change other systems
 * care about is announced on {@code timeflow.backup.v1} in the transaction that makes it.
 */
@ApplicationScoped
public class BackupService {

    private static final Logger LOG = Logger.getLogger(BackupService.class);

    /** What a verification found. */
    public record Verification(UUID backupId, String appVersion, Instant snapshotAt, long chunks, long tables, long rows,
            List<SchemaVersion> schemas) {
    }

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

    @Inject
    public BackupService(BackupRepository backups, OperationLock lock, Outbox outbox, CurrentActor actors,
            ArchiveKeys keys, ArchiveStore store, DatabaseSessions sessions, BackupConfig config, TimeflowConfig suite,
            SecretCipher cipher, JobRunner runner, Installation installation, Clock clock) {
        this.clock = clock;
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
        Backup created = QuarkusTransaction.requiringNew().call(() -> {
            lock.acquire(OperationLock.Kind.BACKUP, id);
            Backup b = new Backup(id, Trigger.MANUAL, actor.subject(), clock.instant(), installation.id());
            backups.add(b);
            return b;
        });
        LOG.infof("backup %s requested by %s", id, actor.subject());
        runner.submit("backup " + id, () -> runHoldingLock(id, actor, archiveKeys));
        return created;
    }

    private void runHoldingLock(UUID id, Actor actor, KeySource archiveKeys) {
        try (JobRunner.Heartbeat hb = runner.heartbeat(id)) {
            write(id, actor, archiveKeys);
        }
        // only once the job's end is recorded: a job whose end could not be (the database unreachable)
        // keeps the lock, whose lease runs out, and Recovery ends the job
        QuarkusTransaction.requiringNew().run(() -> lock.release(id));
    }

    /** A backup taken by a restore before it changes anything; the caller holds the lock. Throws if it fails. */
    public Backup safety(UUID restoreId, Actor actor) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Backup b = new Backup(id, Trigger.SAFETY, actor.subject(), clock.instant(), installation.id());
            b.warn(new Warning("SAFETY_BACKUP", "taken by restore " + restoreId + " before it replaced the data"));
            backups.add(b);
        });
        Backup done = write(id, actor, keys.configuredKeys());
        if (done.state() != JobState.SUCCEEDED) {
            throw new ProblemException(500, "SAFETY_BACKUP_FAILED", "Safety backup failed",
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
                outbox.publish(new BackupFailed(id.toString(), Trigger.SCHEDULED.name(), e.code(), e.getMessage(),
                        clock.instant()), actor);
                return b;
            });
        }
        Backup b = claimFire(fireTime, () -> {
            Backup fresh = new Backup(id, Trigger.SCHEDULED, actor.subject(), clock.instant(), installation.id());
            fresh.firedBySchedule(fireTime, instance);
            lock.tryAcquire(OperationLock.Kind.BACKUP, id).ifPresent(busy -> {
                fresh.skipped(clock.instant(), new Warning("OPERATION_IN_PROGRESS", busy.getMessage()));
                LOG.warnf("scheduled backup of %s skipped: %s", fireTime, busy.getMessage());
            });
            backups.add(fresh);
            return fresh;
        });
        if (!b.id().equals(id) || b.state() == JobState.SKIPPED) {
            return b;
        }
        Backup done;
        try (JobRunner.Heartbeat hb = runner.heartbeat(id)) {
            done = write(id, actor, archiveKeys);
        }
        // as for a backup on request: released once the end is recorded, else left to Recovery
        QuarkusTransaction.requiringNew().run(() -> lock.release(id));
        if (done.state() == JobState.SUCCEEDED) {
            applyRetention(keep);
        }
        return done;
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
        QuarkusTransaction.requiringNew().run(() -> backups.find(id).orElseThrow().started(clock.instant()));
        String key = ArchiveStore.keyOf(id.toString());
        long t0 = System.nanoTime();
        try (Connection c = sessions.open("timeflow-backup-" + id)) {
            SuiteDumper dumper = SuiteDumper.begin(c, config.schemas());
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
                b.step(new Step("ARCHIVE", "SUCCEEDED", clock.instant(), manifest.totalRows() + " rows of "
                        + schemas.size() + " schemas, " + size + " bytes in " + ms + " ms"));
                outbox.publish(new BackupCreated(id.toString(), b.trigger().name(), manifest.appVersion(),
                        schemas.stream().map(s -> new BackupCreated.SchemaVersion(s.schema(), s.migrationVersion()))
                                .toList(), size, manifest.archiveKeyFingerprint(), manifest.snapshotAt(),
                        b.finishedAt()), actor);
                return b;
            });
            LOG.infof("backup %s stored: %d rows, %d bytes, %d ms", id, manifest.totalRows(), size, ms);
            return done;
        } catch (Exception e) {
            String code = e instanceof IOException ? "STORAGE_FAILED" : e instanceof SQLException ? "DATABASE_FAILED"
                    : e instanceof ProblemException p ? p.code() : "BACKUP_FAILED";
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.errorf("backup %s failed (%s): %s", id, code, message);
            return QuarkusTransaction.requiringNew().call(() -> {
                Backup b = backups.find(id).orElseThrow();
                b.failed(clock.instant(), code, message);
                outbox.publish(new BackupFailed(id.toString(), b.trigger().name(), code, message, clock.instant()), actor);
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

    /** A stored backup whose archive can be read; 404 or 409 BACKUP_NOT_AVAILABLE otherwise. */
    public Backup stored(UUID id) {
        Backup b = get(id);
        if (b.state() != JobState.SUCCEEDED || b.storageKey() == null) {
            throw ProblemException.conflict("BACKUP_NOT_AVAILABLE", "backup " + id + " has no stored archive (it is "
                    + b.state() + ")").with("state", b.state().name());
        }
        return b;
    }

    /**
     * 409 ARCHIVE_MISSING when the archive of a catalogue entry is not in this installation's store (an
     * entry a restore brought from another installation's catalogue, ADR 91, or an archive removed by hand).
     */
    public void requireArchive(Backup b) {
        boolean present;
        try {
            present = store.exists(b.storageKey());
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            boolean foreign = b.installationId() != null && !b.installationId().equals(installation.id());
            throw new ProblemException(409, "ARCHIVE_MISSING", "Archive missing", "the archive of backup " + b.id()
                    + " is not in this installation's " + store.kind() + " store" + (foreign
                            ? " (the entry came with a restore from another installation's catalogue: its archive is in"
                                    + " that installation's store; upload it to restore it here)" : ""));
        }
    }

    /** Opens a stored backup's archive for reading. */
    public InputStream open(Backup b) {
        try {
            return store.open(b.storageKey());
        } catch (IOException e) {
            throw new ProblemException(409, "ARCHIVE_MISSING", "Archive missing",
                    "the archive of backup " + b.id() + " is not in the " + store.kind() + " store");
        }
    }

    /** Streams a stored archive as it is (encrypted) to {@code out}. */
    public void download(UUID id, OutputStream out) throws IOException {
        Backup b = stored(id);
        LOG.infof("archive of backup %s downloaded by %s", id, actors.get().subject());
        try (InputStream in = open(b)) {
            in.transferTo(out);
        }
    }

    /** Decrypts the whole archive and checks every chunk, checksum and count without restoring; 422 when it fails. */
    public Verification verify(UUID id, Optional<String> passphrase) {
        Backup b = stored(id);
        KeySource readingKeys = keys.forReading(passphrase, b);
        ArchiveReader.Result result;
        try (InputStream in = open(b)) {
            result = ArchiveReader.read(in, readingKeys, ArchiveReader.VERIFY);
            ArchiveReader.dataKey(result, readingKeys);
        } catch (ArchiveException e) {
            LOG.warnf("backup %s failed verification: %s", id, e.getMessage());
            throw refused(e);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw new ProblemException(500, "VERIFICATION_FAILED", "Verification failed",
                    "reading the archive of backup " + id + " failed");
        }
        if (!result.header().backupId().equals(id.toString())) {
            throw refused(new ArchiveException(ArchiveException.Reason.TAMPERED,
                    "the stored archive belongs to another backup"));
        }
        QuarkusTransaction.requiringNew().run(() -> backups.find(id).ifPresent(x -> x.verified(clock.instant())));
        Manifest m = result.manifest();
        return new Verification(id, m.appVersion(), m.snapshotAt(), result.chunks(),
                m.schemas().stream().mapToLong(s -> s.tables().size()).sum(), m.totalRows(), summary(m));
    }

    /** 422 naming the stable reason an archive is refused. */
    public static ProblemException refused(ArchiveException e) {
        return ProblemException.rule(e.code(), e.getMessage());
    }

    /**
     * Stores an uploaded archive after checking it whole (it is written to storage as it is read, and
     * kept only if every check passes); it becomes a backup with its own id. It is stored under this
     * installation's archive key (ADR 0092): restoring or verifying it later needs no other passphrase.
     */
    public Backup importArchive(InputStream upload, Optional<String> passphrase) {
        Actor actor = actors.get();
        KeySource readingKeys = keys.forReading(passphrase);
        KeySource ownKeys = keys.configuredKeys();
        UUID staging = UUID.randomUUID();
        String tempKey = "upload-" + staging + ".tfbk";
        ArchiveReader.Result result;
        Manifest stored;
        ArchiveRekeyer rekeyer;
        long size;
        try (ArchiveStore.Upload target = store.begin(tempKey)) {
            rekeyer = new ArchiveRekeyer(target.stream(), ownKeys, config.compressionLevel(), config.compressionWorkers());
            try {
                result = ArchiveReader.read(upload, readingKeys, rekeyer);
                stored = rekeyer.finish(result.manifest());
            } catch (Exception e) {
                rekeyer.abandon();
                target.abort();
                throw e;
            }
            size = target.commit();
        } catch (ArchiveException e) {
            throw refused(e);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            LOG.warnf("an uploaded archive could not be stored: %s", e.getMessage());
            throw new ProblemException(500, "UPLOAD_FAILED", "Upload failed", "the uploaded archive could not be stored");
        }
        ArchiveHeader header = result.header();
        UUID id;
        try {
            id = UUID.fromString(header.backupId());
        } catch (IllegalArgumentException e) {
            deleteQuietly(tempKey);
            throw refused(new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive's backup id is not valid"));
        }
        String key = ArchiveStore.keyOf(id.toString());
        try {
            Backup imported = QuarkusTransaction.requiringNew().call(() -> {
                if (backups.find(id).isPresent()) {
                    throw ProblemException.conflict("BACKUP_EXISTS", "backup " + id + " is already in the catalogue")
                            .with("backupId", id.toString());
                }
                Backup b = new Backup(id, Trigger.UPLOADED, actor.subject(), clock.instant(), installation.id());
                b.started(clock.instant());
                List<SchemaVersion> schemas = summary(stored);
                b.succeeded(clock.instant(), stored.snapshotAt(), store.kind(), key, size, stored.appVersion(),
                        header.formatVersion(), stored.archiveKeyFingerprint(),
                        stored.dataKey() == null ? null : stored.dataKey().fingerprint(), stored.totalRows(), schemas);
                b.archiveSizes(stored.dataBytes(), stored.sizeBytes());
                b.verified(clock.instant());
                b.step(new Step("UPLOAD", "SUCCEEDED", clock.instant(), stored.totalRows() + " rows of " + schemas.size()
                        + " schemas checked and stored under this installation's archive key"
                        + (rekeyer.ring().isEmpty() ? "" : "; it carries " + rekeyer.ring().size()
                                + " data-encryption keys, added to the key ring by a restore")));
                backups.add(b);
                outbox.publish(new BackupCreated(id.toString(), Trigger.UPLOADED.name(), stored.appVersion(),
                        schemas.stream().map(s -> new BackupCreated.SchemaVersion(s.schema(), s.migrationVersion()))
                                .toList(), size, stored.archiveKeyFingerprint(), stored.snapshotAt(), clock.instant()), actor);
                return b;
            });
            rename(tempKey, key);
            LOG.infof("archive of backup %s uploaded by %s (%d bytes), stored under this installation's key", id,
                    actor.subject(), size);
            return imported;
        } catch (RuntimeException e) {
            deleteQuietly(tempKey);
            throw e;
        }
    }

    private void rename(String from, String to) {
        try (InputStream in = store.open(from); ArchiveStore.Upload target = store.begin(to)) {
            in.transferTo(target.stream());
            target.stream().close();
            target.commit();
        } catch (IOException e) {
            throw new ProblemException(500, "UPLOAD_FAILED", "Upload failed", "the uploaded archive could not be stored");
        } finally {
            deleteQuietly(from);
        }
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not delete archive %s: %s", key, e.getMessage());
        }
    }

    /** Deletes a backup and its archive (409 while it is running). */
    public void delete(UUID id) {
        delete(id, "MANUAL", actors.get());
    }

    void delete(UUID id, String reason, Actor actor) {
        String key = QuarkusTransaction.requiringNew().call(() -> {
            Backup b = backups.lock(id).orElseThrow(() -> ProblemException.notFound("backup", id));
            if (!b.state().finished()) {
                throw ProblemException.conflict("BACKUP_RUNNING", "backup " + id + " is still running");
            }
            String k = b.storageKey();
            backups.remove(b);
            outbox.publish(new BackupDeleted(id.toString(), reason, clock.instant()), actor);
            return k;
        });
        if (key != null) {
            deleteQuietly(key);
        }
        LOG.infof("backup %s deleted (%s)", id, reason.toLowerCase(java.util.Locale.ROOT));
    }
}
