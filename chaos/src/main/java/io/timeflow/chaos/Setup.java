package io.timeflow.chaos;

import io.timeflow.client.backup.api.BackupScheduleApi;
import io.timeflow.client.backup.model.BackupSchedule;
import io.timeflow.client.backup.model.BackupScheduleRequest;
import io.timeflow.client.plugin.api.PluginObjectsApi;
import io.timeflow.client.plugin.api.PluginsApi;
import io.timeflow.client.plugin.model.NewPluginObject;
import io.timeflow.client.plugin.model.ObjectType;
import io.timeflow.client.plugin.model.Plugin;
import io.timeflow.client.plugin.model.PluginObject;
import io.timeflow.client.snapshot.api.SnapSyncApi;
import io.timeflow.client.snapshot.api.SyncPoliciesApi;
import io.timeflow.client.snapshot.api.TargetEnvironmentsApi;
import io.timeflow.client.snapshot.model.RetentionRequest;
import io.timeflow.client.snapshot.model.SyncPolicy;
import io.timeflow.client.snapshot.model.SyncPolicyRequest;
import io.timeflow.client.staging.api.DSourcesApi;
import io.timeflow.client.staging.api.EnvironmentsApi;
import io.timeflow.client.staging.model.DSource;
import io.timeflow.client.staging.model.DSourceRequest;
import io.timeflow.client.staging.model.DatabaseStateMode;
import io.timeflow.client.staging.model.Environment;
import io.timeflow.client.staging.model.EnvironmentRequest;
import io.timeflow.client.staging.model.OsType;
import io.timeflow.client.staging.model.Repository;
import io.timeflow.client.staging.model.RepositoryRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What the run starts from, made through the clients before any fault: the plugin with a few
 * thousand objects, two staging environments, the dSources (half of them bound to the plugin), two
 * sync policies firing every few seconds, the backup schedule firing every few seconds, and an API
 * key.
 */
final class Setup extends Worker {

    static final String CONNECTOR = "C:\\Program Files\\Delphix\\DelphixConnector";
    /** The backup schedule: a fire every 15 seconds (Quartz's six fields, seconds first). */
    static final java.time.Duration BACKUP_PERIOD = java.time.Duration.ofSeconds(15);
    static final String BACKUP_CRON = "0/" + BACKUP_PERIOD.toSeconds() + " * * * * ?";
    static final int BACKUPS_KEPT = 1000;

    private final int objects;
    private final int dsourceCount;

    Setup(History history, Clients clients, World world, long seed, int objects, int dsources) {
        super("setup", history, clients, world, seed);
        this.objects = objects;
        this.dsourceCount = dsources;
    }

    @Override
    void work() throws InterruptedException {
        try {
            make();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the setup failed: " + e.getMessage(), e);
        }
    }

    private void make() throws Exception {
        String pluginId = "chaos-" + new UUID(random.nextLong(), random.nextLong());
        world.pluginId = pluginId;
        java.io.File v1 = ChaosPlugin.file(pluginId, 1);
        must("plugin.install", World.keys("plugin", pluginId), ChaosPlugin.version(1),
                () -> new PluginsApi(clients.plugin(random)).installPlugin(v1), Plugin::getVersion);
        createObjects(pluginId);

        List<Environment> environments = new ArrayList<>();
        List<Repository> repositories = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            int i = n;
            String host = "sqlstage-" + i + "-" + pluginId.substring(6, 14) + ".corp.example";
            Environment env = must("environment.register", World.keys(), host, () -> new EnvironmentsApi(
                    clients.staging(Clients.Role.ADMIN, random)).registerEnvironment(new EnvironmentRequest()
                    .name("chaos-stage-" + i).host(host).osType(OsType.WINDOWS)
                    .timeZone(i == 0 ? "Europe/Paris" : "America/New_York").connectorPath(CONNECTOR)),
                    e -> "environment " + e.getId());
            environments.add(env);
            Repository repository = must("repository.add", World.keys("environment", env.getId().toString()), "MSSQLSERVER",
                    () -> new EnvironmentsApi(clients.staging(Clients.Role.ADMIN, random)).addRepository(env.getId(),
                            new RepositoryRequest().name("MSSQLSERVER").version("15.0.4153.1").port(1433)),
                    r -> "repository " + r.getId());
            repositories.add(repository);
            world.repositories.put(env.getId(), repository.getId());
        }
        for (int n = 0; n < dsourceCount; n++) {
            int i = n;
            Environment env = environments.get(i % environments.size());
            Repository repo = repositories.get(i % repositories.size());
            String name = "chaos-ds-" + i;
            String bound = i % 2 == 0 ? pluginId : null;
            DSource ds = must("dsource.link", World.keys("plugin", bound), name, () -> new DSourcesApi(
                    clients.staging(Clients.Role.ADMIN, random)).linkDSource(new DSourceRequest().name(name)
                    .stagingDatabaseName("chaos_stage_" + i).databaseStateMode(DatabaseStateMode.RESTORING)
                    .environmentId(env.getId()).repositoryId(repo.getId()).pluginId(bound)
                    .notes("linked by the chaos run")), d -> "dsource " + d.getId());
            world.dsources.add(new World.LinkedDSource(ds.getId(), name, env.getId(), ds.getPluginId(),
                    List.of(ds.getMountBase() + "\\" + name + ".mdf", ds.getMountBase() + "\\" + name + "_log.ldf")));
        }
        // snapshot-service learns environments and dSources from staging-service's events
        for (World.LinkedDSource ds : world.dsources) {
            await("snapsync.readiness", World.keys("dsource", ds.id().toString()),
                    () -> new SnapSyncApi(clients.snapshot(random)).getSnapSyncReadiness(ds.id()));
        }
        for (Environment env : environments) {
            await("target.get", World.keys("environment", env.getId().toString()),
                    () -> new TargetEnvironmentsApi(clients.snapshot(random)).getTargetEnvironment(env.getId()));
        }

        String[] crons = {"0/5 * * * * ?", "2/6 * * * * ?"};
        for (int p = 0; p < crons.length; p++) {
            String cron = crons[p];
            String policyName = "chaos-policy-" + p;
            SyncPolicy policy = must("policy.create", World.keys(), policyName + " " + cron, () -> new SyncPoliciesApi(
                    clients.snapshot(random)).createSyncPolicy(new SyncPolicyRequest().name(policyName).cron(cron)
                    .timeZone("UTC").retention(new RetentionRequest().keepLast(30))), s -> "policy " + s.getId());
            List<UUID> assigned = new ArrayList<>();
            for (int i = p; i < world.dsources.size(); i += crons.length) {
                UUID ds = world.dsources.get(i).id();
                must("policy.assign", World.keys("policy", policy.getId().toString(), "dsource", ds.toString()), "",
                        () -> new SyncPoliciesApi(clients.snapshot(random)).assignSyncPolicy(ds, policy.getId()),
                        a -> "assigned");
                assigned.add(ds);
            }
            world.policies.add(new World.Policy(policy.getId(), cron, List.copyOf(assigned)));
        }
        world.backupCron = BACKUP_CRON;
        must("backup.schedule", World.keys("schedule", "backup-schedule"), "on " + BACKUP_CRON + " keep " + BACKUPS_KEPT,
                () -> new BackupScheduleApi(clients.backup(random)).setBackupSchedule(new BackupScheduleRequest()
                        .enabled(true).cron(BACKUP_CRON).timeZone("UTC").keep(BACKUPS_KEPT)),
                BackupSchedule::getCron);
    }

    /** The plugin's objects: a few thousand linked sources and source configs, made four at a time. */
    private void createObjects(String pluginId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int lane = t;
                java.util.Random lanes = new java.util.Random(random.nextLong());
                done.add(pool.submit(() -> {
                    Recorder lane0 = new Recorder(recorder.history(), "setup");
                    for (int i = lane; i < objects; i += 4) {
                        boolean linked = i % 3 != 0;
                        String name = "chaos-object-s" + i;
                        Map<String, Object> data = linked ? Map.of("stagingDatabase", name, "generation", 1)
                                : Map.of("databaseName", name, "generation", 1);
                        for (int attempt = 0; ; attempt++) {
                            Recorder.Answer<PluginObject> a = lane0.call("object.create",
                                    World.keys("plugin", pluginId, "name", name), "generation 1",
                                    () -> new PluginObjectsApi(clients.plugin(lanes)).createPluginObject(pluginId,
                                            new NewPluginObject().type(linked ? ObjectType.LINKED_SOURCE
                                                    : ObjectType.SOURCE_CONFIG).data(data)),
                                    PluginObject::getName, o -> World.keys("object", String.valueOf(o.getId())));
                            if (a.ok() || a.unknown() || attempt > 5) {
                                break;
                            }
                            Thread.sleep(200);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private <T> T must(String f, Map<String, String> keys, String args, Callable<T> call, Function<T, String> describe)
            throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            Recorder.Answer<T> a = call(f, keys, args, call, describe);
            if (a.ok()) {
                return a.value();
            }
            if (a.refused() && a.status() >= 400 && a.status() != 409) {
                throw new IllegalStateException(f + " was refused: " + a.op().line());
            }
            backOff(attempt);
        }
        throw new IllegalStateException(f + " did not succeed");
    }

    private <T> void await(String f, Map<String, String> keys, Callable<T> call) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < until) {
            if (call(f, keys, "", call, v -> "known").ok()) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(f + " never answered 200: snapshot-service did not learn what staging-service made");
    }
}
