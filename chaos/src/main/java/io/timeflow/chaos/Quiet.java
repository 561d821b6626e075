package io.timeflow.chaos;

import io.timeflow.client.backup.api.BackupScheduleApi;
import io.timeflow.client.backup.api.BackupsApi;
import io.timeflow.client.backup.model.BackupScheduleRequest;
import io.timeflow.client.backup.model.JobState;
import io.timeflow.client.plugin.api.UpgradesApi;
import io.timeflow.client.plugin.model.Upgrade;
import io.timeflow.client.plugin.model.UpgradeState;
import io.timeflow.client.snapshot.api.SnapSyncApi;
import io.timeflow.client.snapshot.api.SyncPoliciesApi;
import io.timeflow.testing.DatabaseBootstrap;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The end of the faults: the schedules are switched off (recorded in the history, so the checks
 * know when fires stopped), then the run waits until the suite is quiet: no SnapSync job, upgrade or
 * backup under way, every outbox relayed, and every consumer group at the end of its topics.
 */
final class Quiet extends Worker {

    /** The consumer groups of the suite and the topics each reads. */
    static final Map<String, List<String>> GROUPS = Map.of(
            "snapshot-service", List.of("timeflow.staging.v1", "timeflow.plugin.v1"),
            "staging-service", List.of("timeflow.plugin.v1", "timeflow.snapshot.v1"),
            "staging-service.api-keys", List.of("timeflow.staging.v1"),
            "snapshot-service.api-keys", List.of("timeflow.staging.v1"),
            "plugin-service.api-keys", List.of("timeflow.staging.v1"),
            "backup-service.api-keys", List.of("timeflow.staging.v1"));

    private final Cluster cluster;
    private final List<String> waitedFor = new ArrayList<>();

    Quiet(History history, Clients clients, World world, long seed, Cluster cluster) {
        super("quiet", history, clients, world, seed);
        this.cluster = cluster;
    }

    @Override
    void work() {
        throw new UnsupportedOperationException("use stopSchedules() and settle()");
    }

    /**
     * Switches the backup schedule off and takes the dSources off their policies; then checks that it
     * worked (a suite whose schedules go on firing never becomes quiet, and the checks would race it).
     */
    void stopSchedules() throws InterruptedException {
        awaitFiresOfDeadReplicasTakenOver(java.time.Duration.ofSeconds(90));
        until("backup.unschedule", World.keys("schedule", "backup-schedule"), "off",
                () -> new BackupScheduleApi(clients.backup(random)).setBackupSchedule(new BackupScheduleRequest()
                        .enabled(false).cron(world.backupCron).timeZone("UTC").keep(Setup.BACKUPS_KEPT)), Set.of());
        for (World.Policy p : world.policies) {
            for (UUID ds : p.dsources()) {
                until("policy.unassign", World.keys("policy", p.id().toString(), "dsource", ds.toString()), "",
                        () -> {
                            new SyncPoliciesApi(clients.snapshot(random)).unassignSyncPolicy(ds, p.id());
                            return Boolean.TRUE;
                        }, Set.of(404));
            }
        }
        try {
            if (Boolean.TRUE.equals(StateReader.read(() -> new BackupScheduleApi(clients.backup(random))
                    .getBackupSchedule().getEnabled()))) {
                throw new IllegalStateException("the backup schedule is still on after it was switched off");
            }
            for (World.Policy p : world.policies) {
                List<UUID> left = StateReader.read(() -> new SyncPoliciesApi(clients.snapshot(random))
                        .getSyncPolicy(p.id()).getDsourceIds());
                if (left != null && !left.isEmpty()) {
                    throw new IllegalStateException("policy " + p.id() + " still has dSources " + left);
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the schedules back: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until backup-service's scheduler cluster has taken over the fires of every replica that was
     * killed while it ran one (Quartz does so once the dead replica misses its check-ins): switching the
     * schedule off before would delete the job those fires are run again for.
     */
    private void awaitFiresOfDeadReplicasTakenOver(java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = cluster.adminConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                            select count(*) from backup.qrtz_fired_triggers f where not exists (
                              select 1 from backup.qrtz_scheduler_state s where s.instance_name = f.instance_name
                              and s.last_checkin_time > (extract(epoch from now()) * 1000)::bigint - 30000)""")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                // not readable yet: look again
            }
            Thread.sleep(2_000);
        }
        ChaosRun.say("the scheduler cluster still holds fires of dead replicas after %d s", limit.toSeconds());
    }

    /** Makes the call until it is answered; a refusal other than {@code acceptable} means the run cannot go on. */
    private <T> void until(String f, Map<String, String> keys, String args, java.util.concurrent.Callable<T> call,
            Set<Integer> acceptable) throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            Recorder.Answer<T> a = call(f, keys, args, call);
            if (a.ok() || (a.refused() && acceptable.contains(a.status()))) {
                return;
            }
            if (a.refused() && a.status() > 0) {
                throw new IllegalStateException(f + " was refused: " + a.op().line());
            }
            backOff(attempt);
        }
        throw new IllegalStateException(f + " never got an answer");
    }

    /**
     * Waits until the suite is quiet or {@code limit} passes; returns what was still under way then
     * (empty when quiet). Quiet: nothing under way, and nothing new (the outboxes' rows and the topics'
     * end offsets unchanged) between two looks a few seconds apart.
     */
    List<String> settle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> busy = List.of("not looked yet");
        String before = null;
        long nextSay = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            busy = busy();
            String now = busy.isEmpty() ? signature() : null;
            if (now != null && now.equals(before)) {
                return List.of();
            }
            if (!busy.isEmpty() && System.nanoTime() > nextSay) {
                ChaosRun.say("waiting for the suite to be quiet: %s", String.join(", ", busy));
                nextSay = System.nanoTime() + 30_000_000_000L;
            }
            before = now;
            Thread.sleep(3_000);
        }
        return busy.isEmpty() ? List.of("events kept coming") : busy;
    }

    /**
     * What has happened so far, in numbers: rows of every outbox and the end offset of every partition of
     * the topics. Equal twice in a row: nothing happened in between.
     */
    String signature() {
        StringBuilder sb = new StringBuilder();
        try (Connection c = cluster.adminConnection(); Statement s = c.createStatement()) {
            for (String schema : DatabaseBootstrap.SCHEMAS) {
                try (ResultSet rs = s.executeQuery("select count(*), coalesce(max(seq), 0) from " + schema + ".outbox")) {
                    rs.next();
                    sb.append(schema).append('=').append(rs.getLong(1)).append('/').append(rs.getLong(2)).append(' ');
                }
            }
            Properties p = adminProperties();
            try (Admin admin = Admin.create(p)) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(StateReader.TOPICS).allTopicNames().get().forEach((name, d) -> d.partitions()
                        .forEach(part -> latest.put(new TopicPartition(name, part.partition()), OffsetSpec.latest())));
                new java.util.TreeMap<>(admin.listOffsets(latest).all().get().entrySet().stream().collect(
                        Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().offset())))
                        .forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
            }
        } catch (Exception e) {
            return "unreadable " + System.nanoTime();
        }
        return sb.toString();
    }

    private Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return p;
    }

    List<String> waitedFor() {
        return waitedFor;
    }

    /** What is still under way now. */
    List<String> busy() {
        List<String> busy = new ArrayList<>();
        try {
            for (String state : List.of("PENDING", "RUNNING")) {
                long n = StateReader.read(() -> new SnapSyncApi(clients.snapshot(random)).listSnapSyncs(null, 1, 0, state))
                        .getTotal();
                if (n > 0) {
                    busy.add(n + " SnapSync jobs " + state);
                }
            }
            if (world.pluginId != null) {
                List<Upgrade> upgrades = StateReader.read(() -> new UpgradesApi(clients.plugin(random))
                        .listUpgrades(world.pluginId, 20, 0)).getItems();
                long running = upgrades.stream().filter(u -> u.getState() == UpgradeState.PENDING
                        || u.getState() == UpgradeState.RUNNING).count();
                if (running > 0) {
                    busy.add(running + " upgrades under way");
                }
            }
            for (JobState state : List.of(JobState.PENDING, JobState.RUNNING)) {
                long n = StateReader.read(() -> new BackupsApi(clients.backup(random)).listBackups(1, 0, state, null))
                        .getTotal();
                if (n > 0) {
                    busy.add(n + " backups " + state.getValue());
                }
            }
            try (Connection c = cluster.adminConnection(); Statement s = c.createStatement()) {
                for (String schema : DatabaseBootstrap.SCHEMAS) {
                    try (ResultSet rs = s.executeQuery("select count(*) from " + schema
                            + ".outbox where published_at is null")) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            busy.add(rs.getLong(1) + " events in " + schema + "-service's outbox");
                        }
                    }
                }
            }
            busy.addAll(consumerLag());
        } catch (Exception e) {
            busy.add("cannot tell: " + e.getMessage());
        }
        if (!busy.isEmpty()) {
            waitedFor.add(String.join(", ", busy));
        }
        return busy;
    }

    /** Consumer groups behind the end of their topics. */
    private List<String> consumerLag() throws Exception {
        Properties p = adminProperties();
        List<String> behind = new ArrayList<>();
        try (Admin admin = Admin.create(p)) {
            Set<String> topics = GROUPS.values().stream().flatMap(Collection::stream).collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                    .forEach(part -> latest.put(new TopicPartition(name, part.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.getKey())
                        .partitionsToOffsetAndMetadata().get();
                long lag = 0;
                for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                    if (!g.getValue().contains(e.getKey().topic())) {
                        continue;
                    }
                    OffsetAndMetadata at = committed.get(e.getKey());
                    lag += e.getValue().offset() - (at == null ? 0 : at.offset());
                }
                if (lag > 0) {
                    behind.add("consumer group " + g.getKey() + " " + lag + " records behind");
                }
            }
        }
        return behind;
    }
}
