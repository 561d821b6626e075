package io.timeflow.backup.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.backup.archive.ArchiveException;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.archive.Manifest;
import io.timeflow.backup.config.BackupConfig;
import io.timeflow.backup.engine.CatalogueMerge;
import io.timeflow.backup.engine.SchemaSwap;
import io.timeflow.backup.engine.SuiteDumper;
import io.timeflow.backup.engine.SuiteLoader;
import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.backup.engine.SuiteRing;
import io.timeflow.backup.persistence.SuiteRestoreRepository;
import io.timeflow.events.backup.MaintenanceEnded;
import io.timeflow.events.backup.MaintenanceStarted;
import io.timeflow.events.backup.RestoreCompleted;
import io.timeflow.events.backup.RestoreFailed;
import io.timeflow.events.backup.RestoreStarted;
import io.timeflow.platform.crypto.SecretCipher;
import io.timeflow.platform.db.DatabaseSessions;
import io.timeflow.platform.db.DatabaseUnreachable;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.maintenance.Maintenance;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.problem.Warning;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Restores of the whole suite from a stored backup. Nothing changes before the archive has been
 * read whole and checked, its version accepted, the suite quiesced and a safety backup taken; the
 * data is then loaded beside the live schemas, brought to the running version, and swapped in by
 * one transaction. Until that commit the live data is untouched, whatever fails or dies.
 */
@ApplicationScoped
public class RestoreService {

    private static final Logger LOG = Logger.getLogger(RestoreService.class);
    public static final String OPERATION = "RESTORE";

    private final SuiteRestoreRepository restores;
    private final BackupService backups;
    private final ArchiveService archives;
    private final OperationLock lock;
    private final Outbox outbox;
    private final CurrentActor actors;
    private final ArchiveKeys keys;
    private final DatabaseSessions sessions;
    private final BackupConfig config;
    private final SecretCipher cipher;
    private final JobRunner runner;
    private final SuiteMaintenance maintenanceFlags;
    private final DatabaseSpace databaseSpace;
    private final Event<SuiteRestored> restored;
    private final SuiteMigrations migrations = SuiteMigrations.bundled();
    private final Clock clock;
    private final JobMetrics metrics;

    @Inject
    public RestoreService(SuiteRestoreRepository restores, BackupService backups, ArchiveService archives,
            OperationLock lock, Outbox outbox, CurrentActor actors, ArchiveKeys keys, DatabaseSessions sessions,
            BackupConfig config, SecretCipher cipher, JobRunner runner, SuiteMaintenance maintenanceFlags,
            DatabaseSpace databaseSpace, Event<SuiteRestored> restored, Clock clock, JobMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
        this.restores = restores;
        this.backups = backups;
        this.archives = archives;
        this.lock = lock;
        this.outbox = outbox;
        this.actors = actors;
        this.keys = keys;
        this.sessions = sessions;
        this.config = config;
        this.cipher = cipher;
        this.runner = runner;
        this.maintenanceFlags = maintenanceFlags;
        this.databaseSpace = databaseSpace;
        this.restored = restored;
    }

    /**
     * Accepts a restore of backup {@code backupId}: the confirmation must repeat its id, the backup
     * must be stored and not newer than the suite, and no backup or restore may run. 202 follows.
     */
    public SuiteRestore request(UUID backupId, String confirm, Optional<String> passphrase) {
        RestoreConfirmation.require(backupId.toString(), confirm);
        Actor actor = actors.get();
        Backup backup = archives.stored(backupId);
        archives.requireArchive(backup);
        Map<String, List<String>> applied = new LinkedHashMap<>();
        backup.schemas().forEach(s -> applied.put(s.schema(), s.appliedMigrations()));
        VersionGate.check(backup.appVersion(), applied, backups.runningVersion(), migrations);
        databaseSpace.require(backup);
        installationKeys();
        KeySource readingKeys = keys.forReading(passphrase, backup);
        keys.configuredKeys(); // the safety backup needs the installation's own key
        UUID id = UUID.randomUUID();
        OperationLock.Accepted<SuiteRestore> accepted = lock.accept(OperationLock.Kind.RESTORE, id, () -> {
            SuiteRestore r = new SuiteRestore(id, backupId, actor.subject(), backup.appVersion(),
                    backups.runningVersion(), clock.instant());
            restores.add(r);
            metrics.accepted(r);
            return r;
        });
        LOG.infof("restore %s of backup %s requested by %s", id, backupId, actor.subject());
        runner.submit("restore " + id, accepted.lease(), () -> execute(id, backup, readingKeys, actor));
        return accepted.job();
    }

    public SuiteRestore get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() ->
                restores.find(id).orElseThrow(() -> ProblemException.notFound("restore", id)));
    }

    public List<SuiteRestore> page(int offset, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> restores.page(offset, limit));
    }

    public long count() {
        return QuarkusTransaction.requiringNew().call(restores::count);
    }

    /** The short suffix of the schemas a restore creates. */
    static String suffixOf(UUID restoreId) {
        return restoreId.toString().replace("-", "").substring(0, 12);
    }

    /**
     * A restore reached a step, on the restore's thread: CREATE_SCHEMA, LOAD_TABLE, INDEXES, SEQUENCES, MIGRATE,
     * KEY_RING (with the schema and table concerned), LOADED, QUIESCED, SAFETY_BACKUP_TAKEN, SWAPPING. Logged
     * at debug level for whoever follows a long restore; the steps a caller sees are the restore's {@code steps}.
     */
    void reached(UUID id, String step, String schema, String table) {
        LOG.debugf("restore %s: %s%s%s", id, step, schema == null ? "" : " " + schema, table == null ? "" : "." + table);
    }

    private void execute(UUID id, Backup backup, KeySource readingKeys, Actor actor) {
        String suffix = suffixOf(id);
        Maintenance maintenance = null;
        SchemaSwap swap = null;
        try (JobRunner.Heartbeat hb = runner.heartbeat(id)) {
            try {
                update(id, r -> {
                    r.started(clock.instant());
                    metrics.started(r);
                });
                String space = databaseSpace.require(backup);

                // 1. the archive, read whole and checked as it is loaded beside the live schemas (which nothing
                //    touches): its version and key accepted, every chunk authenticated, every table's checksum and
                //    count checked, then brought to this version by the services' own migrations
                long t0 = System.nanoTime();
                SuiteLoader.Loaded loaded;
                RingRestore ring = new RingRestore(installationKeys(), "restore " + id + " of backup " + backup.id());
                try (InputStream in = archives.open(backup)) {
                    loaded = new SuiteLoader(sessions::open, migrations).load(in, readingKeys, suffix, null,
                            head -> accept(head, backup),
                            p -> reached(id, p.step(), p.schema(), p.table()), ring);
                }
                Manifest manifest = loaded.manifest();
                step(id, "VERIFY_AND_LOAD", loaded.rows() + " rows of " + loaded.schemas().size()
                        + " schemas authenticated, checked against their checksums and loaded beside the live ones"
                        + (loaded.upgraded() ? ", then migrated to this version" : "") + " in "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms; " + space + "; " + ring.summary());
                reached(id, "LOADED", null, null);

                // 2. writes refused everywhere; in-flight writes waited for and further ones held by the locks
                List<String> schemas = loaded.schemas();
                List<String> swapped = schemas.stream().filter(s -> !SuiteDumper.BACKUP_SCHEMA.equals(s)).toList();
                String merged = schemas.contains(SuiteDumper.BACKUP_SCHEMA) ? SuiteDumper.BACKUP_SCHEMA : null;
                maintenance = new Maintenance(OPERATION, id.toString(), "restoring backup " + backup.id(),
                        clock.instant(), clock.instant());
                Maintenance m = maintenance;
                List<String> flagged = QuarkusTransaction.requiringNew().call(() -> {
                    List<String> done = maintenanceFlags.set(m);
                    outbox.publish(new MaintenanceStarted(id.toString(), OPERATION, m.reason(), m.startedAt()), actor);
                    outbox.publish(new RestoreStarted(id.toString(), backup.id().toString(), backup.appVersion(),
                            backups.runningVersion(), clock.instant()), actor);
                    return done;
                });
                hb.maintenance(flagged);
                swap = SchemaSwap.quiesce(sessions::open, "timeflow-restore-" + suffix + "-swap", swapped,
                        config.quiesceTimeout());
                step(id, "QUIESCE", "writes refused in " + flagged + "; " + swap.lockedTables() + " live tables locked");
                reached(id, "QUIESCED", null, null);

                // 3. the data being replaced, kept
                Backup safety = backups.safety(id, actor);
                update(id, r -> r.safetyBackup(safety.id()));
                step(id, "SAFETY_BACKUP", "backup " + safety.id() + " holds the data as it was");
                reached(id, "SAFETY_BACKUP_TAKEN", null, null);

                // 4. swapped in, in one transaction
                reached(id, "SWAPPING", null, null);
                CatalogueMerge.Result catalogue = swap.swap(swapped, suffix, id, maintenance, SuiteDumper.BACKUP_SCHEMA);
                swap.close();
                swap = null;
                restored.fire(new SuiteRestored(id, backup.id()));

                // 5. writes accepted again
                Maintenance mm = maintenance;
                QuarkusTransaction.requiringNew().run(() -> {
                    maintenanceFlags.clear(mm.operationId());
                    SuiteRestore r = restores.find(id).orElseThrow();
                    r.step(new Step("SWAP", JobState.SUCCEEDED.name(), clock.instant(), "schemas " + swapped
                            + " replaced atomically" + (merged == null
                                    ? (catalogue.rows().isEmpty() ? "" : "; the archive holds no catalogue (an earlier"
                                            + " version's): this installation's kept, its API keys taken from the restored"
                                            + " ones (" + catalogue.rows() + " rows)")
                                    : "; the archive's catalogue, restore history and schedule merged into this"
                                            + " installation's (" + catalogue.rows() + " rows)")));
                    r.succeeded(clock.instant(), loaded.upgraded(), schemas);
                    // the swap committed on a session of its own; the restore ends with this transaction
                    metrics.ended(r);
                    outbox.publish(new RestoreCompleted(id.toString(), backup.id().toString(), safety.id().toString(),
                            backup.appVersion(), backups.runningVersion(), loaded.upgraded(), schemas,
                            manifest.snapshotAt(), clock.instant()), actor);
                    outbox.publish(new MaintenanceEnded(id.toString(), OPERATION, JobState.SUCCEEDED.name(),
                            clock.instant()), actor);
                    lock.release(id);
                });
                LOG.infof("restore %s of backup %s completed: %d rows, schemas %s%s", id, backup.id(), loaded.rows(),
                        schemas, loaded.upgraded() ? ", upgraded to this version" : "");
            } catch (Exception e) {
                fail(id, backup, e, swap, suffix, maintenance, actor);
            }
        }
    }

    /** The version gate on the archive's own manifest, before anything is created. */
    private void accept(Manifest head, Backup backup) {
        if (!head.backupId().equals(backup.id().toString())) {
            throw new ArchiveException(ArchiveException.Reason.TAMPERED, "the stored archive belongs to another backup");
        }
        Map<String, List<String>> applied = new LinkedHashMap<>();
        head.schemas().forEach(s -> applied.put(s.name(), s.appliedMigrations()));
        VersionGate.check(head.appVersion(), applied, backups.runningVersion(), migrations);
    }

    /** This installation's keys (the key ring's table is wrapped by the installation key). */
    private SuiteRing.Installation installationKeys() {
        if (!cipher.configured()) {
            throw ProblemException.of(BackupProblem.ENCRYPTION_KEY_MISSING,
                    "a restore needs this installation's data-encryption key (timeflow.encryption.key) to keep the"
                            + " backup's keys");
        }
        return new SuiteRing.Installation(cipher.installationKey(), cipher.previousKeys());
    }

    private void fail(UUID id, Backup backup, Exception e, SchemaSwap swap, String suffix, Maintenance maintenance,
            Actor actor) {
        String code = codeOf(e);
        String message = messageOf(e);
        if (swap != null) {
            try {
                swap.close();
            } catch (SQLException | RuntimeException ex) {
                LOG.warnf("releasing the locks of restore %s: %s", id, ex.getMessage());
            }
        }
        try (Connection c = sessions.open("timeflow-restore-" + suffix + "-cleanup")) {
            List<String> dropped = SuiteLoader.dropRestoreSchemas(c, suffix);
            if (!dropped.isEmpty()) {
                LOG.infof("restore %s: dropped the partly loaded schemas %s", id, dropped);
            }
        } catch (SQLException ex) {
            LOG.warnf("restore %s: the partly loaded schemas are left for recovery: %s", id, ex.getMessage());
        }
        boolean swapped = QuarkusTransaction.requiringNew().call(() -> {
            if (maintenance != null) {
                maintenanceFlags.clear(maintenance.operationId());
            }
            SuiteRestore r = restores.find(id).orElseThrow();
            boolean committed = r.swappedAt() != null;
            if (committed) {
                // what failed came after the swap had committed: the data is the backup's, the restore succeeded
                LOG.errorf(e, "restore %s of backup %s: what followed its committed swap failed (%s); the restored "
                        + "data is in place", id, backup.id(), code);
                completeAfterSwap(r, "what followed it failed (" + code + ") and was not retried", actor);
            } else {
                LOG.errorf("restore %s of backup %s failed (%s): %s; the previous data is in place", id, backup.id(),
                        code, message);
                r.failed(clock.instant(), code, message);
                outbox.publish(new RestoreFailed(id.toString(), backup.id().toString(), code, message,
                        clock.instant()), actor);
            }
            metrics.ended(r);
            if (maintenance != null) {
                outbox.publish(new MaintenanceEnded(id.toString(), OPERATION,
                        (committed ? JobState.SUCCEEDED : JobState.FAILED).name(), clock.instant()), actor);
            }
            lock.release(id);
            return committed;
        });
        if (swapped) {
            restored.fire(new SuiteRestored(id, backup.id()));
        }
    }

    /**
     * Ends, in the caller's transaction, a restore whose swap committed but whose end was not recorded (its replica
     * stopped, or what followed the swap failed): the data is the backup's, so the restore succeeded, with a
     * {@code RECOVERED} warning that says what happened ({@code what}). The caller ends the maintenance.
     */
    void completeAfterSwap(SuiteRestore r, String what, Actor actor) {
        r.warn(new Warning(BackupJobCode.RECOVERED, "the swap had committed; " + what));
        r.succeeded(clock.instant(), Boolean.TRUE.equals(r.upgraded()), r.schemas());
        outbox.publish(new RestoreCompleted(r.id().toString(), r.backupId().toString(),
                String.valueOf(r.safetyBackupId()), r.backupVersion(), r.runningVersion(),
                Boolean.TRUE.equals(r.upgraded()), r.schemas(), r.swappedAt(), clock.instant()), actor);
    }

    static String codeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArchiveException a) {
                return a.code();
            }
            if (t instanceof ProblemException p) {
                return p.code();
            }
            if (t instanceof SQLException s && "55P03".equals(s.getSQLState())) {
                return BackupJobCode.QUIESCE_TIMEOUT.name();
            }
        }
        return (DatabaseUnreachable.isCause(e) ? BackupJobCode.INTERRUPTED : BackupJobCode.RESTORE_FAILED).name();
    }

    static String messageOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArchiveException || t instanceof ProblemException) {
                return t.getMessage();
            }
        }
        if (BackupJobCode.INTERRUPTED.name().equals(codeOf(e))) {
            return "the restore's database session ended before the swap (" + e.getClass().getSimpleName() + ")";
        }
        if (BackupJobCode.QUIESCE_TIMEOUT.name().equals(codeOf(e))) {
            return "writes in flight did not finish in time to quiesce the suite";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void step(UUID id, String name, String detail) {
        update(id, r -> r.step(new Step(name, JobState.SUCCEEDED.name(), clock.instant(), detail)));
    }

    private void update(UUID id, java.util.function.Consumer<SuiteRestore> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(restores.find(id).orElseThrow()));
    }
}
