package io.timeflow.chaos;

import io.timeflow.client.staging.api.RestoresApi;
import io.timeflow.client.staging.api.StagingDatabaseApi;
import io.timeflow.client.staging.model.BackupSetRequest;
import io.timeflow.client.staging.model.BackupType;
import io.timeflow.client.staging.model.DatabaseState;
import io.timeflow.client.staging.model.Restore;
import io.timeflow.client.staging.model.RestoreCompleteRequest;
import io.timeflow.client.staging.model.RestoreFailRequest;
import io.timeflow.client.staging.model.RestoreStartRequest;
import io.timeflow.client.staging.model.StagingDatabaseReport;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The staging host's agent of one dSource: restores backups of its {@link SourceDatabase} one after
 * the other and reports each (started, then completed, now and then failed), as fast as the suite
 * answers, and reports the staging database's state now and then. It is the only writer of its
 * dSource's restores, so it knows what the chain must be: after an unknown answer it asks again with
 * the same restore id until the answer is definite (the restore id makes a repeated start
 * recognisable, and a repeated completion is refused naming the state it is in).
 */
final class Agent extends Worker {

    /** How long an agent keeps asking again before it leaves an operation unknown. */
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final World.LinkedDSource ds;
    private final SourceDatabase source;
    private boolean online;

    Agent(String name, History history, Clients clients, World world, long seed, World.LinkedDSource ds) {
        super(name, history, clients, world, seed);
        this.ds = ds;
        this.source = new SourceDatabase(random);
    }

    @Override
    void work() throws InterruptedException {
        reportState(DatabaseState.RESTORING);
        while (running()) {
            int dice = random.nextInt(1000);
            if (online) {
                online = !reportState(DatabaseState.RESTORING);
            } else if (dice < 15) {
                // the staging database is seen ONLINE for a moment: CANNOT_MONITOR, until it is RESTORING again
                online = reportState(DatabaseState.ONLINE);
            } else if (dice < 60) {
                reportState(DatabaseState.RESTORING);
            }
            restoreOne(random.nextInt(100) < 4);
            // a restore of a real backup takes a while; a few tens of milliseconds keep the agents from
            // taking every cycle of the machine the replicas restart on
            pause(Duration.ofMillis(20), Duration.ofMillis(80));
        }
    }

    /** Reports the staging database's state; true when the report was taken. */
    private boolean reportState(DatabaseState state) throws InterruptedException {
        StagingDatabaseReport report = new StagingDatabaseReport().state(state).dataMounted(true).files(ds.files());
        long until = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 0; System.nanoTime() < until; attempt++) {
            Recorder.Answer<?> a = call("staging.report", keys(null), state.getValue(),
                    () -> new StagingDatabaseApi(clients.staging(Clients.Role.AGENT, random))
                            .reportStagingDatabase(ds.id(), report), d -> d.getState() + " supported " + d.getSupported());
            if (a.ok()) {
                return true;
            }
            if (a.refused() && a.status() > 0) {
                return false;
            }
            backOff(attempt);
        }
        return false;
    }

    private void restoreOne(boolean failIt) throws InterruptedException {
        SourceDatabase.Backup b = source.next();
        UUID restoreId = new UUID(random.nextLong(), random.nextLong());
        RestoreStartRequest start = new RestoreStartRequest().restoreId(restoreId).backupSet(backupSet(b))
                .replace(b.replace()).norecovery(true);
        if (!started(restoreId, b, start)) {
            return;
        }
        if (failIt) {
            finish(restoreId, b, "restore.fail", () -> new RestoresApi(clients.staging(Clients.Role.AGENT, random))
                    .failRestore(ds.id(), restoreId, new RestoreFailRequest()
                            .reason("the backup file could not be read (chaos run)")));
            return;
        }
        if (finish(restoreId, b, "restore.complete", () -> new RestoresApi(clients.staging(Clients.Role.AGENT, random))
                .completeRestore(ds.id(), restoreId, new RestoreCompleteRequest().files(ds.files())))) {
            source.restored(b);
        } else {
            // the completion was refused for good: report the restore failed so the next one may start
            finish(restoreId, b, "restore.fail", () -> new RestoresApi(clients.staging(Clients.Role.AGENT, random))
                    .failRestore(ds.id(), restoreId, new RestoreFailRequest().reason("the completion was refused")));
        }
    }

    /** Reports the start until the answer is definite; true when the restore is started. */
    private boolean started(UUID restoreId, SourceDatabase.Backup b, RestoreStartRequest start)
            throws InterruptedException {
        long until = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 0; System.nanoTime() < until; attempt++) {
            Recorder.Answer<Restore> a = call("restore.start", keys(restoreId), b.describe(),
                    () -> new RestoresApi(clients.staging(Clients.Role.AGENT, random)).startRestore(ds.id(), start),
                    r -> "#" + r.getNumber() + " " + r.getStatus());
            if (a.ok() || a.refusedWith("RESTORE_ALREADY_REPORTED")) {
                return true;
            }
            if (a.refused() && a.status() > 0) {
                return false;
            }
            backOff(attempt);
        }
        return false;
    }

    /**
     * Reports the end (completed or failed) until the answer is definite; true when the restore ended
     * the way reported (now, or by an earlier attempt whose answer was lost).
     */
    private boolean finish(UUID restoreId, SourceDatabase.Backup b, String f,
            java.util.concurrent.Callable<Restore> call) throws InterruptedException {
        String wanted = f.equals("restore.complete") ? "COMPLETED" : "FAILED";
        long until = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 0; System.nanoTime() < until; attempt++) {
            Recorder.Answer<Restore> a = call(f, keys(restoreId), b.describe(), call,
                    r -> "#" + r.getNumber() + " " + r.getStatus());
            if (a.ok()) {
                return true;
            }
            if (a.refusedWith("RESTORE_NOT_IN_PROGRESS")) {
                return wanted.equals(a.context("status"));
            }
            if (a.refused() && a.status() > 0) {
                return false;
            }
            backOff(attempt);
        }
        return false;
    }

    private Map<String, String> keys(UUID restoreId) {
        return World.keys("dsource", ds.id().toString(), "restore", restoreId == null ? null : restoreId.toString());
    }

    private static BackupSetRequest backupSet(SourceDatabase.Backup b) {
        return new BackupSetRequest().type(BackupType.fromValue(b.type())).firstLsn(String.valueOf(b.firstLsn()))
                .lastLsn(String.valueOf(b.lastLsn()))
                .checkpointLsn(b.checkpointLsn() == null ? null : String.valueOf(b.checkpointLsn()))
                .databaseBackupLsn(b.databaseBackupLsn() == null ? null : String.valueOf(b.databaseBackupLsn()))
                .recoveryForkGuid(b.fork()).sourceReadOnly(false)
                .backupFileLocation("\\\\backup01\\sql\\" + b.type().toLowerCase() + "_" + b.lastLsn() + ".bak");
    }
}
