package io.timeflow.e2e;

import static io.timeflow.e2e.StoryFailure.expect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.timeflow.client.backup.api.BackupsApi;
import io.timeflow.client.backup.model.Backup;
import io.timeflow.client.backup.model.JobState;
import io.timeflow.client.plugin.api.PluginObjectsApi;
import io.timeflow.client.plugin.api.PluginsApi;
import io.timeflow.client.plugin.api.UpgradesApi;
import io.timeflow.client.plugin.model.NewPluginObject;
import io.timeflow.client.plugin.model.ObjectType;
import io.timeflow.client.plugin.model.PluginObject;
import io.timeflow.client.plugin.model.PluginObjectUpdate;
import io.timeflow.client.plugin.model.Upgrade;
import io.timeflow.client.plugin.model.UpgradeState;
import io.timeflow.client.snapshot.api.SnapSyncApi;
import io.timeflow.client.snapshot.api.SnapSyncHooksApi;
import io.timeflow.client.snapshot.model.HookClaimRequest;
import io.timeflow.client.snapshot.model.HookReport;
import io.timeflow.client.snapshot.model.HookRun;
import io.timeflow.client.snapshot.api.SnapshotsApi;
import io.timeflow.client.snapshot.model.SnapSyncJob;
import io.timeflow.client.snapshot.model.SnapSyncRequest;
import io.timeflow.client.staging.api.ApiKeysApi;
import io.timeflow.client.staging.api.DSourcesApi;
import io.timeflow.client.staging.api.EnvironmentsApi;
import io.timeflow.client.staging.api.RestoresApi;
import io.timeflow.client.staging.api.StagingDatabaseApi;
import io.timeflow.client.staging.model.ApiKey;
import io.timeflow.client.staging.model.ApiKeyRequest;
import io.timeflow.client.staging.model.BackupSetRequest;
import io.timeflow.client.staging.model.BackupType;
import io.timeflow.client.staging.model.DSource;
import io.timeflow.client.staging.model.DSourceRequest;
import io.timeflow.client.staging.model.DatabaseState;
import io.timeflow.client.staging.model.DatabaseStateMode;
import io.timeflow.client.staging.model.Environment;
import io.timeflow.client.staging.model.EnvironmentRequest;
import io.timeflow.client.staging.model.Hook;
import io.timeflow.client.staging.model.HookPhase;
import io.timeflow.client.staging.model.HookRequest;
import io.timeflow.client.staging.model.HookShell;
import io.timeflow.client.staging.model.OsType;
import io.timeflow.client.staging.model.Repository;
import io.timeflow.client.staging.model.RepositoryRequest;
import io.timeflow.client.staging.model.Restore;
import io.timeflow.client.staging.model.RestoreCompleteRequest;
import io.timeflow.client.staging.model.RestoreStartRequest;
import io.timeflow.client.staging.model.StagingDatabaseReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The secrets an installation keeps, planted on one installation and checked on another that restored
 * its backup (the backup requirements' hardware-failure and migration cases): a dSource whose pre-sync
 * hook command holds a credential, a plugin object with a password field, API keys; with an
 * environment, restores and a SnapSync around them. Everything goes through the generated clients.
 * <ul>
 * <li>{@link #plant} on the first installation;</li>
 * <li>{@link #readable} on the second, right after the restore, changing nothing: the hook commands as
 * the agent role reads them, read with the first installation's agent API key; its viewer key accepted
 * by each of the four services;</li>
 * <li>{@link #usable} then: the password opened (an object update that keeps it, an upgrade whose
 * migration derives two non-secret figures from it), a restore report and a SnapSync on the restored
 * dSource, a new backup: every service works on the restored data.</li>
 * </ul>
 */
public final class CarriedSecrets {

    static final Duration ASYNC = Duration.ofSeconds(120);
    static final Duration LONG_JOB = Duration.ofMinutes(4);
    static final UUID FORK = UUID.fromString("7e6d5c4b-3a2f-4e1d-8c9b-8a7b6c5d4e3f");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * What was planted, with the secrets themselves (test values of a throwaway installation), so another
     * installation can be checked against them.
     */
    public record Planted(String pluginId, UUID objectId, String sqlUser, String sqlPassword, UUID environmentId,
            UUID dsourceId, List<String> files, String hookCommand, String agentKey, String viewerKey, UUID snapshotId,
            long restores) {

        public void write(Path file) throws IOException {
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        }

        public static Planted read(Path file) throws IOException {
            return JSON.readValue(file.toFile(), Planted.class);
        }
    }

    private final Story.Narrator say;

    public CarriedSecrets(Story.Narrator say) {
        this.say = say;
    }

    /** Plants the secrets on an installation (admin token in {@code endpoints}). */
    public Planted plant(Endpoints endpoints) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        say.step("Install a plugin whose linked source holds a password, and store one");
        String pluginId = "credentials-" + run;
        var pluginClient = endpoints.pluginClient();
        new PluginsApi(pluginClient).installPlugin(PluginBundle.withCredentials(1, pluginId).toFile());
        String password = secret(18);
        PluginObject object = new PluginObjectsApi(pluginClient).createPluginObject(pluginId, new NewPluginObject()
                .type(ObjectType.LINKED_SOURCE)
                .data(Map.of("stagingDatabase", "sales_stage_" + run, "sqlUser", "delphix_" + run, "sqlPassword", password)));
        expect(object.getSensitiveFields() != null && object.getSensitiveFields().contains("/sqlPassword")
                        && !String.valueOf(object.getData()).contains(password),
                "the password stored write-only", object);
        say.answer("plugin", "object " + object.getId() + " with sensitive fields " + object.getSensitiveFields());

        say.step("Issue API keys: an agent's (reads hooks) and a viewer's");
        ApiKeysApi keys = new ApiKeysApi(endpoints.stagingClient());
        ApiKey agent = keys.createApiKey(new ApiKeyRequest().name("hook-runner-" + run).role(ApiKeyRequest.RoleEnum.AGENT));
        ApiKey viewer = keys.createApiKey(new ApiKeyRequest().name("monitor-" + run).role(ApiKeyRequest.RoleEnum.VIEWER));
        Endpoints asAgent = with(endpoints, agent.getKey());
        for (String service : List.of("staging", "snapshot", "plugin", "backup")) {
            // every service has both keys before a backup is taken (an agent may not read the lists: 403, not 401)
            Poll.until("the viewer key to be accepted by " + service + "-service", ASYNC,
                    () -> status(endpoints, service, viewer.getKey()), s -> s == 200);
            Poll.until("the agent key to be known to " + service + "-service", ASYNC,
                    () -> status(endpoints, service, agent.getKey()), s -> s == 403);
        }
        say.answer("staging", "API keys " + agent.getId() + " (agent), " + viewer.getId() + " (viewer)");

        say.step("Link a dSource whose pre-sync hook command holds a credential");
        var staging = endpoints.stagingClient();
        Environment env = new EnvironmentsApi(staging).registerEnvironment(new EnvironmentRequest().name("carried-" + run)
                .host("carried-" + run + ".corp.example").osType(OsType.WINDOWS).timeZone("Europe/Paris")
                .connectorPath(Story.CONNECTOR));
        Repository repo = new EnvironmentsApi(staging).addRepository(env.getId(), new RepositoryRequest().name("MSSQLSERVER")
                .version("15.0.4153.1").port(1433));
        String command = "$env:SQLCMDPASSWORD='" + secret(12) + "'; & C:\\Delphix\\hooks\\restore-and-report.ps1 -Database sales_"
                + run;
        DSource ds = new DSourcesApi(staging).linkDSource(new DSourceRequest().name("carried-" + run)
                .stagingDatabaseName("sales_stage_" + run).databaseStateMode(DatabaseStateMode.RESTORING)
                .environmentId(env.getId()).repositoryId(repo.getId())
                .hooks(List.of(new HookRequest().phase(HookPhase.PRE_SYNC).name("restore latest backup")
                        .shell(HookShell.POWERSHELL).command(command))));
        List<String> files = List.of(ds.getMountBase() + "\\sales.mdf", ds.getMountBase() + "\\sales_log.ldf");
        say.answer("staging", "dSource " + ds.getId() + " with a PRE_SYNC hook");
        List<Hook> hooks = Poll.until("the agent key to read the hooks", ASYNC,
                () -> new DSourcesApi(asAgent.stagingClient()).getDSourceHooks(ds.getId()), h -> !h.isEmpty());
        expect(command.equals(hooks.get(0).getCommand()), "the agent to read the hook command", hooks);
        // the link's first SnapSync waits for the pre-sync hook: the staging host's agent runs it (nothing restored yet)
        SnapSyncJob first = runPreSyncHook(endpoints, agent.getKey(), env.getId(), ds.getId());
        say.answer("snapshot", "the link's SnapSync, its pre-sync hook run by the agent: " + first.getState());

        say.step("Report a FULL restore and take a SnapSync");
        new StagingDatabaseApi(staging).reportStagingDatabase(ds.getId(), new StagingDatabaseReport()
                .state(DatabaseState.RESTORING).dataMounted(true).files(files));
        restore(staging, ds.getId(), files, BackupType.FULL, "1000", "2000", "1500", null);
        SnapSyncJob job = snapSync(endpoints, ds.getId(), "2000", agent.getKey(), env.getId());
        say.answer("snapshot", "SnapSync " + job.getState() + ", snapshot " + job.getSnapshotId());

        long restores = new DSourcesApi(staging).getDSource(ds.getId()).getRestoreCount();
        return new Planted(pluginId, object.getId(), "delphix_" + run, password, env.getId(), ds.getId(), files, command,
                agent.getKey(), viewer.getKey(), job.getSnapshotId(), restores);
    }

    /**
     * Checks, without changing anything, that an installation that restored the planted one's backup
     * serves its secrets: the hook commands read with the planted agent API key, the viewer API key
     * accepted by every service.
     */
    public void readable(Endpoints endpoints, Planted p) throws Exception {
        say.step("The restored installation serves the hook commands to the agent key of the other installation");
        Endpoints asAgent = with(endpoints, p.agentKey());
        List<Hook> hooks = Poll.until("the restored hooks to be read with the agent key", ASYNC,
                () -> new DSourcesApi(asAgent.stagingClient()).getDSourceHooks(p.dsourceId()), h -> !h.isEmpty());
        expect(hooks.size() == 1 && p.hookCommand().equals(hooks.get(0).getCommand()),
                "the hook command restored as it was written", hooks.size() + " hooks");
        say.answer("staging", "hook '" + hooks.get(0).getName() + "' read with the restored agent key");
        for (String service : List.of("staging", "snapshot", "plugin", "backup")) {
            int status = Poll.until("the restored viewer key to be accepted by " + service + "-service", ASYNC,
                    () -> status(endpoints, service, p.viewerKey()), s -> s == 200);
            say.answer(service, "the restored viewer API key is accepted (" + status + ")");
        }
    }

    /**
     * Uses the restored data: the password opened by an object update that keeps it and by an upgrade
     * whose migration reads it, a LOG restore and a SnapSync on the restored dSource, a backup.
     */
    public void usable(Endpoints endpoints, Planted p) throws Exception {
        say.step("The restored password opens: an update that keeps it, an upgrade that reads it");
        var pluginClient = endpoints.pluginClient();
        PluginObjectsApi objects = new PluginObjectsApi(pluginClient);
        PluginObject kept = objects.replacePluginObject(p.objectId(), p.pluginId(), new PluginObjectUpdate()
                .data(Map.of("stagingDatabase", "renamed_stage", "sqlUser", p.sqlUser())));
        expect(kept.getSensitiveFields() != null && kept.getSensitiveFields().contains("/sqlPassword"),
                "the update to keep the stored password", kept);
        UpgradesApi upgrades = new UpgradesApi(pluginClient);
        Upgrade upgrade = upgrades.upgradePlugin(p.pluginId(), PluginBundle.withCredentials(2, p.pluginId()).toFile(), false);
        Upgrade done = Poll.until("the upgrade to end", LONG_JOB, () -> upgrades.getUpgrade(p.pluginId(), upgrade.getId()),
                u -> u.getState() != UpgradeState.PENDING && u.getState() != UpgradeState.RUNNING);
        expect(done.getState() == UpgradeState.SUCCEEDED, "the upgrade, which opens the password, to succeed", done);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) objects.getPluginObject(p.objectId(), p.pluginId()).getData();
        expect(Integer.valueOf(p.sqlPassword().length()).equals(number(data.get("passwordLength")))
                        && Integer.valueOf(passwordCheck(p.sqlPassword())).equals(number(data.get("passwordCheck"))),
                "the migration to have read the password stored by the other installation", data);
        say.answer("plugin", "upgrade " + done.getState() + ": passwordLength " + data.get("passwordLength")
                + ", passwordCheck " + data.get("passwordCheck") + " (derived from the restored password)");

        say.step("The restored dSource takes another restore and a SnapSync");
        var staging = endpoints.stagingClient();
        restore(staging, p.dsourceId(), p.files(), BackupType.LOG, "2000", "2500", null, null);
        SnapSyncJob job = snapSync(endpoints, p.dsourceId(), "2500", p.agentKey(), p.environmentId());
        expect(!job.getSnapshotId().equals(p.snapshotId()), "a new snapshot", job);
        say.answer("snapshot", "SnapSync " + job.getState() + ", snapshot " + job.getSnapshotId());

        say.step("The restored installation takes a backup");
        BackupsApi backups = new BackupsApi(endpoints.backupClient());
        Backup requested = backups.createBackup();
        Backup backup = Poll.until("the backup to end", LONG_JOB, () -> backups.getBackup(requested.getId()),
                b -> b.getState() != JobState.PENDING && b.getState() != JobState.RUNNING);
        expect(backup.getState() == JobState.SUCCEEDED, "the backup to succeed", backup.getError());
        say.answer("backup", "backup " + backup.getId() + " " + backup.getState() + ", " + backup.getTotalRows() + " rows");
    }

    /** The weighted character sum version 2's migration records (the same formula as its Python). */
    static int passwordCheck(String password) {
        long sum = 0;
        for (int i = 0; i < password.length(); i++) {
            sum += (long) (i + 1) * password.charAt(i);
        }
        return (int) (sum % 1000003);
    }

    private static Integer number(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    static Restore restore(io.timeflow.client.staging.ApiClient staging, UUID dsId, List<String> files, BackupType type,
            String first, String last, String checkpoint, String databaseBackup) throws Exception {
        RestoresApi restores = new RestoresApi(staging);
        BackupSetRequest set = new BackupSetRequest().type(type).firstLsn(first).lastLsn(last).checkpointLsn(checkpoint)
                .databaseBackupLsn(databaseBackup).recoveryForkGuid(FORK).sourceReadOnly(false)
                .backupFileLocation("\\\\backup01\\sql\\carried_" + type.getValue().toLowerCase() + "_" + last + ".bak");
        Restore started = restores.startRestore(dsId, new RestoreStartRequest().backupSet(set)
                .replace(type == BackupType.FULL).norecovery(true));
        Restore done = restores.completeRestore(dsId, started.getId(), new RestoreCompleteRequest().files(files));
        expect("COMPLETED".equals(String.valueOf(done.getStatus())), "the " + type + " restore to complete", done);
        return done;
    }

    /**
     * What the staging host's agent does for a SnapSync of a dSource with a pre-sync hook: takes the hook under a lease
     * (with the agent's API key) and reports that it ran and exited with 0; then the SnapSync goes on. Returns the job
     * once it ended.
     */
    static SnapSyncJob runPreSyncHook(Endpoints endpoints, String agentKey, UUID environmentId, UUID dsId) throws Exception {
        SnapSyncHooksApi hooks = new SnapSyncHooksApi(with(endpoints, agentKey).snapshotClient());
        HookRun run = Poll.until("the pre-sync hook of dSource " + dsId + " to wait for its agent", ASYNC,
                () -> hooks.claimHookRun(new HookClaimRequest().agent("carried-secrets-host")
                        .environmentIds(List.of(environmentId)).leaseSeconds(60)), r -> r != null);
        expect(dsId.equals(run.getDsourceId()), "the hook of dSource " + dsId, run);
        hooks.reportHookRun(run.getJobId(), new HookReport().leaseId(run.getLeaseId()).hookName("restore latest backup")
                .exitCode(0).timedOut(false).durationMs(1200L).output(List.of("restore-and-report: nothing newer to restore")));
        return ended(endpoints, run.getJobId());
    }

    private static SnapSyncJob ended(Endpoints endpoints, UUID jobId) throws Exception {
        SnapSyncApi snapsync = new SnapSyncApi(endpoints.snapshotClient());
        return Poll.until("SnapSync " + jobId + " to end", LONG_JOB, () -> snapsync.getSnapSync(jobId),
                j -> j.getState() != SnapSyncJob.StateEnum.PENDING && j.getState() != SnapSyncJob.StateEnum.RUNNING);
    }

    static SnapSyncJob snapSync(Endpoints endpoints, UUID dsId, String lastLsn, String agentKey, UUID environmentId)
            throws Exception {
        SnapSyncApi snapsync = new SnapSyncApi(endpoints.snapshotClient());
        Poll.until("snapshot-service to know the restore ending at LSN " + lastLsn, ASYNC,
                () -> snapsync.getSnapSyncReadiness(dsId), r -> Boolean.TRUE.equals(r.getReady())
                        && r.getLastRestoredBackup() != null && lastLsn.equals(r.getLastRestoredBackup().getLastLsn()));
        SnapSyncJob requested = snapsync.requestSnapSync(new SnapSyncRequest().dsourceId(dsId));
        // the agent runs the pre-sync hook when the SnapSync waits for it: a dSource an earlier version's backup brought
        // back has no hook phases in snapshot-service's view until it changes, so its SnapSync does not wait for one
        SnapSyncHooksApi hooks = new SnapSyncHooksApi(with(endpoints, agentKey).snapshotClient());
        SnapSyncJob job = Poll.until("SnapSync to end (its pre-sync hook run by the agent if it waits for one)", LONG_JOB,
                () -> {
                    HookRun run = hooks.claimHookRun(new HookClaimRequest().agent("carried-secrets-host")
                            .environmentIds(List.of(environmentId)).leaseSeconds(60));
                    if (run != null) {
                        hooks.reportHookRun(run.getJobId(), new HookReport().leaseId(run.getLeaseId())
                                .hookName("restore latest backup").exitCode(0).timedOut(false).durationMs(1200L)
                                .output(List.of("restore-and-report: nothing newer to restore")));
                    }
                    return snapsync.getSnapSync(requested.getId());
                }, j -> j.getState() != SnapSyncJob.StateEnum.PENDING && j.getState() != SnapSyncJob.StateEnum.RUNNING);
        expect(job.getState() == SnapSyncJob.StateEnum.SUCCEEDED && job.getSnapshotId() != null,
                "SnapSync to take a snapshot", job);
        expect(new SnapshotsApi(endpoints.snapshotClient()).getSnapshot(job.getSnapshotId()).getBackupSet().getLastLsn()
                .equals(lastLsn), "the snapshot of the backup ending at LSN " + lastLsn, job);
        return job;
    }

    /** The same installation, called with another credential (an API key, say). */
    static Endpoints with(Endpoints e, String credential) {
        return new Endpoints(e.staging(), e.snapshot(), e.plugin(), e.backup(), credential);
    }

    /** The status a viewer's read of a service answers when called with {@code credential}. */
    static int status(Endpoints e, String service, String credential) {
        Endpoints as = with(e, credential);
        try {
            switch (service) {
                case "staging" -> new io.timeflow.client.staging.api.EnvironmentsApi(as.stagingClient())
                        .listEnvironments(1, 0);
                case "snapshot" -> new SnapshotsApi(as.snapshotClient()).listSnapshots(null, 1, 0, null);
                case "plugin" -> new PluginsApi(as.pluginClient()).listPlugins(1, 0);
                default -> new BackupsApi(as.backupClient()).listBackups(1, 0, null, null);
            }
            return 200;
        } catch (Exception ex) {
            return Refusal.of(ex).map(Refusal::status).orElse(-1);
        }
    }

    private static String secret(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
