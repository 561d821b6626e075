package io.timeflow.e2e;

import static io.timeflow.e2e.StoryFailure.expect;

import io.timeflow.client.backup.api.BackupsApi;
import io.timeflow.client.backup.api.RestoresApi;
import io.timeflow.client.backup.model.Backup;
import io.timeflow.client.backup.model.JobState;
import io.timeflow.client.backup.model.RestoreRequest;
import io.timeflow.client.plugin.api.PluginObjectsApi;
import io.timeflow.client.plugin.api.PluginsApi;
import io.timeflow.client.plugin.api.UpgradesApi;
import io.timeflow.client.plugin.model.NewPluginObject;
import io.timeflow.client.plugin.model.ObjectType;
import io.timeflow.client.plugin.model.Plugin;
import io.timeflow.client.plugin.model.PluginObject;
import io.timeflow.client.plugin.model.Upgrade;
import io.timeflow.client.plugin.model.UpgradeState;
import io.timeflow.client.snapshot.api.SnapSyncApi;
import io.timeflow.client.snapshot.api.SnapshotsApi;
import io.timeflow.client.snapshot.api.TargetEnvironmentsApi;
import io.timeflow.client.snapshot.api.VdbsApi;
import io.timeflow.client.snapshot.model.Prerequisite;
import io.timeflow.client.snapshot.model.SnapSyncJob;
import io.timeflow.client.snapshot.model.SnapSyncReadiness;
import io.timeflow.client.snapshot.model.SnapSyncRequest;
import io.timeflow.client.snapshot.model.Snapshot;
import io.timeflow.client.snapshot.model.Vdb;
import io.timeflow.client.snapshot.model.VdbRequest;
import io.timeflow.client.staging.api.DSourcesApi;
import io.timeflow.client.staging.api.EnvironmentsApi;
import io.timeflow.client.staging.api.FaultsApi;
import io.timeflow.client.staging.api.StagingDatabaseApi;
import io.timeflow.client.staging.model.BackupSetRequest;
import io.timeflow.client.staging.model.BackupType;
import io.timeflow.client.staging.model.DSource;
import io.timeflow.client.staging.model.DSourceRequest;
import io.timeflow.client.staging.model.DatabaseState;
import io.timeflow.client.staging.model.DatabaseStateMode;
import io.timeflow.client.staging.model.Environment;
import io.timeflow.client.staging.model.EnvironmentRequest;
import io.timeflow.client.staging.model.Fault;
import io.timeflow.client.staging.model.FaultPage;
import io.timeflow.client.staging.model.OsType;
import io.timeflow.client.staging.model.Repository;
import io.timeflow.client.staging.model.RepositoryRequest;
import io.timeflow.client.staging.model.Restore;
import io.timeflow.client.staging.model.RestoreCompleteRequest;
import io.timeflow.client.staging.model.RestoreStartRequest;
import io.timeflow.client.staging.model.StagingDatabase;
import io.timeflow.client.staging.model.StagingDatabaseReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The whole story of the suite, told through the generated clients only: an environment and a
 * dSource linked, the first snapshot, full, differential and log restores reported, SnapSync taking
 * a snapshot and then skipping with SNAPSHOT_EXISTS_FOR_BACKUP, an unsupported staging state raising
 * CANNOT_MONITOR and failing SnapSync until it recovers, a plugin upgrade during which SnapSync for
 * the plugin's dSources is refused, a VDB provisioned, and a backup taken, the data changed and the
 * backup restored, after which every service shows the backup-time state again.
 * <p>
 * Each step checks what the services answer and throws {@link StoryFailure} otherwise; the
 * {@link Narrator} hears each step and answer (the demo prints them). {@code ./timeflow demo} and
 * the end-to-end test run this same code.
 */
public final class Story {

    /** Hears the story as it goes. */
    public interface Narrator {
        void step(String title);

        void answer(String service, String what);

        static Narrator silent() {
            return new Narrator() {
                @Override
                public void step(String title) {
                }

                @Override
                public void answer(String service, String what) {
                }
            };
        }
    }

    /** What the story leaves behind, for checks after it. */
    public record Ending(UUID environmentId, UUID dsourceId, String pluginId, UUID snapshotId, UUID vdbId,
            UUID backupId, UUID restoreId, long restoresAtBackup, long snapshotsAtBackup) {
    }

    /** An environment with one SQL Server instance and a linked RESTORING-mode dSource whose files lie on its mount. */
    public record Scene(Environment environment, UUID dsourceId, List<String> files) {
    }

    static final String CONNECTOR = "C:\\Program Files\\Delphix\\DelphixConnector";
    static final UUID FORK = UUID.fromString("6d5c4b3a-2f1e-4d0c-9b8a-7a6b5c4d3e2f");
    static final Duration ASYNC = Duration.ofSeconds(120);
    static final Duration LONG_JOB = Duration.ofMinutes(4);

    private final Narrator say;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private final EnvironmentsApi environments;
    private final DSourcesApi dsources;
    private final io.timeflow.client.staging.api.RestoresApi stagingRestores;
    private final StagingDatabaseApi stagingDatabase;
    private final FaultsApi faults;
    private final SnapSyncApi snapsync;
    private final SnapshotsApi snapshots;
    private final VdbsApi vdbs;
    private final TargetEnvironmentsApi targets;
    private final PluginsApi plugins;
    private final PluginObjectsApi pluginObjects;
    private final UpgradesApi upgrades;
    private final BackupsApi backups;
    private final RestoresApi suiteRestores;

    public Story(Endpoints endpoints, Narrator narrator) {
        this.say = narrator;
        var staging = endpoints.stagingClient();
        this.environments = new EnvironmentsApi(staging);
        this.dsources = new DSourcesApi(staging);
        this.stagingRestores = new io.timeflow.client.staging.api.RestoresApi(staging);
        this.stagingDatabase = new StagingDatabaseApi(staging);
        this.faults = new FaultsApi(staging);
        var snapshot = endpoints.snapshotClient();
        this.snapsync = new SnapSyncApi(snapshot);
        this.snapshots = new SnapshotsApi(snapshot);
        this.vdbs = new VdbsApi(snapshot);
        this.targets = new TargetEnvironmentsApi(snapshot);
        var plugin = endpoints.pluginClient();
        this.plugins = new PluginsApi(plugin);
        this.pluginObjects = new PluginObjectsApi(plugin);
        this.upgrades = new UpgradesApi(plugin);
        var backup = endpoints.backupClient();
        this.backups = new BackupsApi(backup);
        this.suiteRestores = new RestoresApi(backup);
    }

    /** Tells the whole story; every step checks the services' answers. */
    public Ending tell() throws Exception {
        // ---- 1. a plugin, an environment and a dSource
        say.step("Install the SQL Server staging-push plugin (version 1.0) and describe a linked source");
        String pluginId = UUID.randomUUID().toString();
        Plugin installed = plugins.installPlugin(PluginBundle.version(1, pluginId).toFile());
        say.answer("plugin", "installed " + installed.getName() + " " + installed.getVersion() + " (build "
                + installed.getBuildNumber() + "), state " + installed.getState());
        PluginObject linkedSource = pluginObjects.createPluginObject(pluginId, new NewPluginObject()
                .type(ObjectType.LINKED_SOURCE).data(Map.of("stagingDatabase", "sales_stage_" + run)));
        say.answer("plugin", "linked source object " + linkedSource.getId() + " " + linkedSource.getData());

        Scene scene = scene(pluginId);
        Environment env = scene.environment();
        UUID dsId = scene.dsourceId();
        DSource ds = dsources.getDSource(dsId);

        // ---- 2. the first snapshot, taken at link
        say.step("The first snapshot is taken when the dSource is linked");
        Snapshot first = awaitFirstSnapshot(dsId);
        expect(Boolean.TRUE.equals(first.getEmptyDatabase()), "the first snapshot to be of the empty database", first);
        say.answer("snapshot", "snapshot " + first.getId() + " (empty database) at " + first.getTakenAtLocal() + " "
                + first.getTimeZone());

        // ---- 3. the staging database is there, and restores are reported
        say.step("The staging host reports the database RESTORING with its files on the mount");
        List<String> files = scene.files();
        StagingDatabase observed = report(dsId, DatabaseState.RESTORING, files);
        say.answer("staging", "state " + observed.getState() + ", supported " + observed.getSupported()
                + ", files under the mount " + observed.getFilesUnderMountDir());

        say.step("Report a FULL, a DIFFERENTIAL and a LOG restore");
        restore(dsId, files, BackupType.FULL, "1000", "2000", "1500", null);
        restore(dsId, files, BackupType.DIFFERENTIAL, "2500", "3000", null, "1500");
        Restore log = restore(dsId, files, BackupType.LOG, "2900", "3500", null, null);
        DSource afterRestores = dsources.getDSource(dsId);
        expect(afterRestores.getRestoreCount() == 3 && "3500".equals(afterRestores.getChain().getPositionLsn()),
                "three restores and the chain at LSN 3500", afterRestores.getChain());
        say.answer("staging", "restores " + afterRestores.getRestoreCount() + ", chain base "
                + afterRestores.getChain().getBaseType() + " at LSN " + afterRestores.getChain().getPositionLsn());

        // ---- 4. SnapSync takes a snapshot, then skips
        say.step("SnapSync: a snapshot of the last restored backup");
        awaitReadiness(dsId, r -> Boolean.TRUE.equals(r.getReady()) && r.getLastRestoredBackup() != null
                && "3500".equals(r.getLastRestoredBackup().getLastLsn()), "snapshot-service to know the LOG restore");
        SnapSyncJob taken = snapSync(dsId);
        expect(taken.getState() == SnapSyncJob.StateEnum.SUCCEEDED && taken.getSnapshotId() != null,
                "SnapSync to succeed with a snapshot", taken);
        Snapshot snap = snapshots.getSnapshot(taken.getSnapshotId());
        expect(snap.getBackupSet() != null && "3500".equals(snap.getBackupSet().getLastLsn()),
                "the snapshot to hold the LOG backup ending at LSN 3500", snap.getBackupSet());
        say.answer("snapshot", "SnapSync " + taken.getState() + ": snapshot " + snap.getId() + " of the "
                + snap.getBackupSet().getType() + " backup ending at LSN " + snap.getBackupSet().getLastLsn()
                + " (restore " + log.getNumber() + ")");

        say.step("SnapSync again: the backup is already snapshotted");
        SnapSyncJob skipped = snapSync(dsId);
        expect(skipped.getState() == SnapSyncJob.StateEnum.SKIPPED && hasWarning(skipped, "SNAPSHOT_EXISTS_FOR_BACKUP")
                        && snap.getId().equals(skipped.getExistingSnapshotId()),
                "SKIPPED with SNAPSHOT_EXISTS_FOR_BACKUP naming snapshot " + snap.getId(), skipped);
        say.answer("snapshot", "SnapSync " + skipped.getState() + ", warning SNAPSHOT_EXISTS_FOR_BACKUP, existing snapshot "
                + skipped.getExistingSnapshotId());

        // ---- 5. a state outside the mode: CANNOT_MONITOR, SnapSync fails; then it recovers
        say.step("The staging database is seen ONLINE, which RESTORING mode cannot monitor");
        StagingDatabase online = report(dsId, DatabaseState.ONLINE, files);
        expect(Boolean.FALSE.equals(online.getSupported()) && "CANNOT_MONITOR".equals(online.getMonitoring()),
                "the ONLINE state to be unsupported (CANNOT_MONITOR)", online);
        Fault fault = faults.listFaults("CANNOT_MONITOR", dsId.toString(), 10, 0, null, "ACTIVE").getItems().stream()
                .findFirst().orElseThrow(() -> new StoryFailure("no ACTIVE CANNOT_MONITOR fault for " + dsId));
        say.answer("staging", "fault " + fault.getCode() + " " + fault.getSeverity() + " " + fault.getStatus() + ": "
                + fault.getTitle());
        awaitReadiness(dsId, r -> failed(r, "STATE_MATCHES_MODE").map(p -> p.getDetail().contains("CANNOT_MONITOR"))
                .orElse(false), "snapshot-service to see the CANNOT_MONITOR fault");
        SnapSyncJob refusedByState = snapSync(dsId);
        expect(refusedByState.getState() == SnapSyncJob.StateEnum.FAILED
                        && "STATE_MATCHES_MODE".equals(refusedByState.getCode())
                        && refusedByState.getDetail().contains("CANNOT_MONITOR"),
                "SnapSync to fail on STATE_MATCHES_MODE naming CANNOT_MONITOR", refusedByState);
        say.answer("snapshot", "SnapSync " + refusedByState.getState() + " " + refusedByState.getCode() + ": "
                + refusedByState.getDetail());

        say.step("The database is RESTORING again: the fault resolves itself");
        report(dsId, DatabaseState.RESTORING, files);
        Fault resolved = faults.getFault(fault.getId());
        expect("RESOLVED".equals(String.valueOf(resolved.getStatus())), "the fault to be RESOLVED", resolved);
        awaitReadiness(dsId, r -> Boolean.TRUE.equals(r.getReady()), "SnapSync to be ready again");
        say.answer("staging", "fault " + resolved.getCode() + " " + resolved.getStatus() + " at " + resolved.getResolvedAt());

        // ---- 6. a plugin upgrade: SnapSync for its dSources refused while it runs, allowed after
        say.step("Upgrade the plugin to 2.0: its data migration runs over the linked source");
        Upgrade upgrade = upgrades.upgradePlugin(pluginId, PluginBundle.version(2, pluginId).toFile(), false);
        say.answer("plugin", "upgrade " + upgrade.getId() + " " + upgrade.getState() + " (" + upgrade.getFromVersion()
                + " -> " + upgrade.getToVersion() + ")");
        SnapSyncReadiness blocked = Poll.until("snapshot-service to see the upgrade", ASYNC, () -> {
            SnapSyncReadiness r = snapsync.getSnapSyncReadiness(dsId);
            Upgrade now = upgrades.getUpgrade(pluginId, upgrade.getId());
            if (now.getState() != UpgradeState.PENDING && now.getState() != UpgradeState.RUNNING
                    && !"PLUGIN_NOT_UPGRADING".equals(r.getCode())) {
                throw new StoryFailure("the upgrade ended (" + now.getState() + ") before snapshot-service saw it run");
            }
            return r;
        }, r -> "PLUGIN_NOT_UPGRADING".equals(r.getCode()));
        Refusal refusal = refused(() -> snapsync.requestSnapSync(new SnapSyncRequest().dsourceId(dsId)));
        expect(refusal.status() == 409 && "PLUGIN_UPGRADE_IN_PROGRESS".equals(refusal.code()),
                "SnapSync refused with 409 PLUGIN_UPGRADE_IN_PROGRESS while the upgrade runs", refusal);
        say.answer("snapshot", "readiness " + blocked.getCode() + "; SnapSync refused: " + refusal);
        Upgrade done = Poll.until("the upgrade to end", LONG_JOB, () -> upgrades.getUpgrade(pluginId, upgrade.getId()),
                u -> u.getState() != UpgradeState.PENDING && u.getState() != UpgradeState.RUNNING);
        expect(done.getState() == UpgradeState.SUCCEEDED && done.getObjectsMigrated() == 1,
                "the upgrade to succeed with one object migrated", done);
        PluginObject migrated = pluginObjects.getPluginObject(linkedSource.getId(), pluginId);
        expect(String.valueOf(migrated.getData()).contains("restoreChecksum"),
                "the linked source to carry the field the migration added", migrated.getData());
        say.answer("plugin", "upgrade " + done.getState() + ", " + done.getObjectsMigrated() + " object migrated: "
                + migrated.getData());
        restore(dsId, files, BackupType.LOG, "3500", "4000", null, null);
        awaitReadiness(dsId, r -> Boolean.TRUE.equals(r.getReady()) && r.getLastRestoredBackup() != null
                && "4000".equals(r.getLastRestoredBackup().getLastLsn()), "SnapSync to be allowed again");
        SnapSyncJob allowed = snapSync(dsId);
        expect(allowed.getState() == SnapSyncJob.StateEnum.SUCCEEDED, "SnapSync to succeed after the upgrade", allowed);
        say.answer("snapshot", "after the upgrade and a LOG restore to LSN 4000: SnapSync " + allowed.getState()
                + ", snapshot " + allowed.getSnapshotId());

        // ---- 7. a VDB
        say.step("Provision a VDB from the latest snapshot");
        Poll.until("snapshot-service to know the environment", ASYNC, () -> targets.getTargetEnvironment(env.getId()),
                t -> t != null);
        Vdb vdb = vdbs.provisionVdb(new VdbRequest().name("sales-dev-" + run).snapshotId(allowed.getSnapshotId())
                .targetEnvironmentId(env.getId()));
        expect(vdb.getId() != null && allowed.getSnapshotId().equals(vdb.getSnapshotId()),
                "a VDB of snapshot " + allowed.getSnapshotId(), vdb);
        say.answer("snapshot", "VDB " + vdb.getName() + " (" + vdb.getId() + ") from snapshot " + vdb.getSnapshotId());

        // ---- 8. backup, change, restore
        say.step("Take a backup of the whole suite");
        Backup requested = backups.createBackup();
        Backup backup = Poll.until("the backup to end", LONG_JOB, () -> backups.getBackup(requested.getId()),
                b -> isOver(b.getState()));
        expect(backup.getState() == JobState.SUCCEEDED, "the backup to succeed", backup.getError());
        long restoresAtBackup = dsources.getDSource(dsId).getRestoreCount();
        long snapshotsAtBackup = snapshots.listSnapshots(dsId, 1, 0, null).getTotal();
        say.answer("backup", "backup " + backup.getId() + " " + backup.getState() + ": " + backup.getTotalRows()
                + " rows, " + backup.getSizeBytes() + " bytes, encrypted (key " + backup.getKeyFingerprint() + ")");

        say.step("Change the data: another LOG restore, its snapshot, another environment, another plugin object");
        restore(dsId, files, BackupType.LOG, "4000", "4500", null, null);
        awaitReadiness(dsId, r -> r.getLastRestoredBackup() != null && "4500".equals(r.getLastRestoredBackup().getLastLsn()),
                "snapshot-service to know the new restore");
        SnapSyncJob later = snapSync(dsId);
        expect(later.getState() == SnapSyncJob.StateEnum.SUCCEEDED, "the later SnapSync to succeed", later);
        Environment extra = environments.registerEnvironment(new EnvironmentRequest().name("extra-" + run)
                .host("extra-" + run + ".corp.example").osType(OsType.WINDOWS).timeZone("UTC").connectorPath(CONNECTOR));
        PluginObject extraObject = pluginObjects.createPluginObject(pluginId, new NewPluginObject()
                .type(ObjectType.LINKED_SOURCE).data(Map.of("stagingDatabase", "extra_" + run, "restoreChecksum", true)));
        Poll.until("snapshot-service to know the new environment", ASYNC, () -> targets.getTargetEnvironment(extra.getId()),
                t -> t != null);
        say.answer("staging", "restores now " + dsources.getDSource(dsId).getRestoreCount() + ", environment "
                + extra.getName() + " added");
        say.answer("snapshot", "snapshots now " + snapshots.listSnapshots(dsId, 1, 0, null).getTotal());
        say.answer("plugin", "objects now " + pluginObjects.listPluginObjects(pluginId, 10, 0, null).getTotal());

        say.step("Restore the backup (destructive: confirmed by repeating its id)");
        var restoreJob = suiteRestores.createRestore(new RestoreRequest().backupId(backup.getId())
                .confirm(backup.getId().toString()));
        var restored = Poll.until("the restore to end", LONG_JOB, () -> suiteRestores.getRestore(restoreJob.getId()),
                r -> isOver(r.getState()));
        expect(restored.getState() == JobState.SUCCEEDED, "the restore to succeed", restored.getError());
        say.answer("backup", "restore " + restored.getId() + " " + restored.getState() + " (schemas "
                + restored.getSchemas() + ", safety backup " + restored.getSafetyBackupId() + ")");

        say.step("Every service shows the state of the backup time again");
        DSource back = Poll.until("staging-service to serve the restored data", ASYNC, () -> dsources.getDSource(dsId),
                d -> d.getRestoreCount() == restoresAtBackup);
        expect("4000".equals(back.getChain().getPositionLsn()), "the chain back at LSN 4000", back.getChain());
        expect(refused(() -> environments.getEnvironment(extra.getId())).status() == 404,
                "the environment added after the backup to be gone", extra.getId());
        say.answer("staging", "restores " + back.getRestoreCount() + ", chain at LSN " + back.getChain().getPositionLsn()
                + ", environment " + extra.getName() + " gone");
        long snapshotsNow = snapshots.listSnapshots(dsId, 1, 0, null).getTotal();
        expect(snapshotsNow == snapshotsAtBackup, snapshotsAtBackup + " snapshots as at the backup", snapshotsNow);
        expect(refused(() -> snapshots.getSnapshot(later.getSnapshotId())).status() == 404,
                "the snapshot taken after the backup to be gone", later.getSnapshotId());
        expect(vdbs.getVdb(vdb.getId()).getId().equals(vdb.getId()), "the VDB to be there", vdb.getId());
        expect(refused(() -> targets.getTargetEnvironment(extra.getId())).status() == 404,
                "snapshot-service not to know the environment added after the backup", extra.getId());
        say.answer("snapshot", "snapshots " + snapshotsNow + ", VDB " + vdb.getName() + " still there");
        long objects = pluginObjects.listPluginObjects(pluginId, 10, 0, null).getTotal();
        expect(objects == 1 && refused(() -> pluginObjects.getPluginObject(extraObject.getId(), pluginId)).status() == 404,
                "one plugin object, as at the backup", objects);
        Plugin pluginBack = plugins.getPlugin(pluginId);
        expect("2.0".equals(pluginBack.getVersion()), "the plugin at version 2.0, as at the backup", pluginBack.getVersion());
        say.answer("plugin", "plugin " + pluginBack.getVersion() + ", objects " + objects);
        Backup stillListed = backups.getBackup(backup.getId());
        say.answer("backup", "backup " + stillListed.getId() + " " + stillListed.getState() + ", restore "
                + restored.getId() + " recorded");
        return new Ending(env.getId(), dsId, pluginId, taken.getSnapshotId(), vdb.getId(), backup.getId(),
                restored.getId(), restoresAtBackup, snapshotsAtBackup);
    }

    // ---- steps used above (and by the fault tests)

    /** Registers an environment and links a dSource of the plugin (null: the default plugin) in RESTORING mode. */
    public Scene scene(String pluginId) throws Exception {
        say.step("Register a Windows staging environment with its SQL Server instance");
        String name = UUID.randomUUID().toString().substring(0, 8);
        Environment env = environments.registerEnvironment(new EnvironmentRequest().name("sqlstage-" + name)
                .host("sqlstage-" + name + ".corp.example").osType(OsType.WINDOWS).timeZone("Europe/Paris")
                .connectorPath(CONNECTOR));
        Repository repo = environments.addRepository(env.getId(), new RepositoryRequest().name("MSSQLSERVER")
                .version("15.0.4153.1").port(1433));
        say.answer("staging", "environment " + env.getId() + " (" + env.getHost() + "), instance " + repo.getName());

        say.step("Link a staging-push dSource in RESTORING mode");
        DSource ds = dsources.linkDSource(new DSourceRequest().name("sales-" + name)
                .stagingDatabaseName("sales_stage_" + name).databaseStateMode(DatabaseStateMode.RESTORING)
                .environmentId(env.getId()).repositoryId(repo.getId()).pluginId(pluginId)
                .notes("linked by the end-to-end story"));
        expect(ds.getMountBase() != null && ds.getMountBase().startsWith(CONNECTOR + "\\"),
                "a mount base under the connector path", ds.getMountBase());
        say.answer("staging", "dSource " + ds.getId() + ", mount base " + ds.getMountBase());
        return new Scene(env, ds.getId(),
                List.of(ds.getMountBase() + "\\sales.mdf", ds.getMountBase() + "\\sales_log.ldf"));
    }

    /** The dSource's snapshots, as snapshot-service lists them. */
    long snapshotCount(UUID dsId) throws Exception {
        return snapshots.listSnapshots(dsId, 1, 0, null).getTotal();
    }

    /** The dSource's snapshots (up to 100), newest first. */
    List<Snapshot> snapshots(UUID dsId) throws Exception {
        return snapshots.listSnapshots(dsId, 100, 0, null).getItems();
    }

    Snapshot awaitFirstSnapshot(UUID dsId) throws Exception {
        return Poll.until("the first snapshot of the dSource", ASYNC, () -> snapshots.listSnapshots(dsId, 10, 0, null),
                p -> p.getTotal() >= 1).getItems().get(0);
    }

    SnapSyncJob snapSyncJob(UUID jobId) throws Exception {
        return snapsync.getSnapSync(jobId);
    }

    SnapSyncJob requestSnapSync(UUID dsId) throws Exception {
        return snapsync.requestSnapSync(new SnapSyncRequest().dsourceId(dsId));
    }

    StagingDatabase report(UUID dsId, DatabaseState state, List<String> files) throws Exception {
        return stagingDatabase.reportStagingDatabase(dsId, new StagingDatabaseReport().state(state).dataMounted(true)
                .files(files));
    }

    Restore restore(UUID dsId, List<String> files, BackupType type, String first, String last, String checkpoint,
            String databaseBackup) throws Exception {
        BackupSetRequest set = new BackupSetRequest().type(type).firstLsn(first).lastLsn(last).checkpointLsn(checkpoint)
                .databaseBackupLsn(databaseBackup).recoveryForkGuid(FORK).sourceReadOnly(false)
                .backupFileLocation("\\\\backup01\\sql\\sales_" + type.getValue().toLowerCase() + "_" + last + ".bak");
        Restore started = stagingRestores.startRestore(dsId, new RestoreStartRequest().backupSet(set)
                .replace(type == BackupType.FULL).norecovery(true));
        Restore done = stagingRestores.completeRestore(dsId, started.getId(), new RestoreCompleteRequest().files(files));
        expect("COMPLETED".equals(String.valueOf(done.getStatus())), "the " + type + " restore to complete", done);
        say.answer("staging", type + " restore #" + done.getNumber() + " LSN " + first + " to " + last + " "
                + done.getStatus());
        return done;
    }

    SnapSyncJob snapSync(UUID dsId) throws Exception {
        return awaitJob(requestSnapSync(dsId));
    }

    SnapSyncJob awaitJob(SnapSyncJob job) throws Exception {
        return Poll.until("SnapSync job " + job.getId() + " to end", LONG_JOB, () -> snapsync.getSnapSync(job.getId()),
                j -> j.getState() != SnapSyncJob.StateEnum.PENDING && j.getState() != SnapSyncJob.StateEnum.RUNNING);
    }

    SnapSyncReadiness awaitReadiness(UUID dsId, java.util.function.Predicate<SnapSyncReadiness> condition, String what)
            throws Exception {
        return Poll.until(what, ASYNC, () -> snapsync.getSnapSyncReadiness(dsId), condition);
    }

    static Optional<Prerequisite> failed(SnapSyncReadiness r, String name) {
        return r.getPrerequisites() == null ? Optional.empty() : r.getPrerequisites().stream()
                .filter(p -> name.equals(p.getName()) && Boolean.FALSE.equals(p.getPassed())).findFirst();
    }

    static boolean hasWarning(SnapSyncJob job, String code) {
        return job.getWarnings() != null && job.getWarnings().stream().anyMatch(w -> code.equals(w.getCode()));
    }

    static boolean isOver(JobState state) {
        return state != JobState.PENDING && state != JobState.RUNNING;
    }

    /** The refusal a call ends with; a call that succeeds fails the story. */
    static Refusal refused(Poll.Probe<?> call) {
        try {
            Object answer = call.get();
            throw new StoryFailure("expected a refusal; the service answered: " + answer);
        } catch (StoryFailure e) {
            throw e;
        } catch (Exception e) {
            return Refusal.of(e).orElseThrow(() -> new StoryFailure("expected a refusal, got " + e));
        }
    }
}
