package io.timeflow.chaos;

import io.timeflow.client.backup.api.BackupsApi;
import io.timeflow.client.backup.model.Backup;
import io.timeflow.client.backup.model.PageBackupView;
import io.timeflow.client.plugin.api.PluginObjectsApi;
import io.timeflow.client.plugin.api.PluginsApi;
import io.timeflow.client.plugin.api.UpgradesApi;
import io.timeflow.client.plugin.model.PageObjectView;
import io.timeflow.client.plugin.model.PageUpgradeView;
import io.timeflow.client.plugin.model.Plugin;
import io.timeflow.client.plugin.model.PluginObject;
import io.timeflow.client.plugin.model.Upgrade;
import io.timeflow.client.snapshot.api.SnapSyncApi;
import io.timeflow.client.snapshot.api.SnapshotsApi;
import io.timeflow.client.snapshot.model.PageSnapSyncJobView;
import io.timeflow.client.snapshot.model.PageSnapshotView;
import io.timeflow.client.snapshot.model.SnapSyncJob;
import io.timeflow.client.snapshot.model.SnapSyncReadiness;
import io.timeflow.client.snapshot.model.Snapshot;
import io.timeflow.client.staging.api.DSourcesApi;
import io.timeflow.client.staging.api.RestoresApi;
import io.timeflow.client.staging.model.DSource;
import io.timeflow.client.staging.model.Restore;
import io.timeflow.client.staging.model.RestorePage;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.testing.DatabaseBootstrap;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the final state once the suite is quiet: through the APIs (as any client would), the topics
 * (every record from the beginning), and the services' inbox, outbox and upgrade-guard tables (read
 * as the database's administrator: no API shows which events a consumer applied).
 */
final class StateReader {

    static final List<String> TOPICS = List.of("timeflow.staging.v1", "timeflow.snapshot.v1", "timeflow.plugin.v1",
            "timeflow.backup.v1");
    private static final int PAGE = 500;

    private final Cluster cluster;
    private final Clients clients;
    private final World world;
    private final Random random = new Random(1);

    StateReader(Cluster cluster, Clients clients, World world) {
        this.cluster = cluster;
        this.clients = clients;
        this.world = world;
    }

    FinalState read(FinalState.BackupWindow window) throws Exception {
        List<FinalState.DSourceState> dsources = new ArrayList<>();
        List<FinalState.SnapshotRow> snapshots = new ArrayList<>();
        List<FinalState.JobRow> jobs = new ArrayList<>();
        for (World.LinkedDSource ds : world.dsources) {
            DSource d = read(() -> new DSourcesApi(clients.staging(Clients.Role.ADMIN, random)).getDSource(ds.id()));
            List<FinalState.RestoreRow> restores = new ArrayList<>();
            for (Restore r : pages(offset -> read(() -> new RestoresApi(clients.staging(Clients.Role.ADMIN, random))
                    .listRestores(ds.id(), PAGE, offset, null)), RestorePage::getItems)) {
                restores.add(new FinalState.RestoreRow(r.getId(), r.getNumber(), r.getStatus().getValue(),
                        r.getBackupSet().getType().getValue(), r.getBackupSet().getFirstLsn(),
                        r.getBackupSet().getLastLsn()));
            }
            SnapSyncReadiness readiness = read(() -> new SnapSyncApi(clients.snapshot(random))
                    .getSnapSyncReadiness(ds.id()));
            String viewLast = readiness.getLastRestoredBackup() == null ? null
                    : readiness.getLastRestoredBackup().getRestoreId();
            dsources.add(new FinalState.DSourceState(ds.id(), ds.name(),
                    d.getChain() == null ? null : d.getChain().getPositionLsn(), restores, viewLast));
            for (Snapshot s : pages(offset -> read(() -> new SnapshotsApi(clients.snapshot(random))
                    .listSnapshots(ds.id(), PAGE, offset, null)), PageSnapshotView::getItems)) {
                snapshots.add(new FinalState.SnapshotRow(s.getId(), s.getDsourceId(), s.getTimeflowId(),
                        s.getBackupSet() == null ? null : s.getBackupSet().getRestoreId()));
            }
            for (SnapSyncJob j : pages(offset -> read(() -> new SnapSyncApi(clients.snapshot(random))
                    .listSnapSyncs(ds.id(), PAGE, offset, null)), PageSnapSyncJobView::getItems)) {
                jobs.add(new FinalState.JobRow(j.getId(), j.getDsourceId(), j.getState().getValue(),
                        j.getTrigger().getValue(), j.getPolicyId(),
                        j.getScheduledFor() == null ? null : j.getScheduledFor().toInstant(), j.getCode()));
            }
        }
        List<FinalState.PluginState> plugins = new ArrayList<>();
        if (world.pluginId != null) {
            String id = world.pluginId;
            Plugin p = read(() -> new PluginsApi(clients.plugin(random)).getPlugin(id));
            List<FinalState.ObjectRow> objects = new ArrayList<>();
            for (PluginObject o : pages(offset -> read(() -> new PluginObjectsApi(clients.plugin(random))
                    .listPluginObjects(id, PAGE, offset, null)), PageObjectView::getItems)) {
                Map<?, ?> data = o.getData() instanceof Map<?, ?> m ? m : Map.of();
                Object name = data.get("stagingDatabase") != null ? data.get("stagingDatabase") : data.get("databaseName");
                Object generation = data.get("generation");
                objects.add(new FinalState.ObjectRow(o.getId(), name == null ? null : name.toString(),
                        o.getType().getValue(), generation instanceof Number n ? n.intValue() : null));
            }
            List<FinalState.UpgradeRow> upgrades = new ArrayList<>();
            for (Upgrade u : pages(offset -> read(() -> new UpgradesApi(clients.plugin(random))
                    .listUpgrades(id, PAGE, offset)), PageUpgradeView::getItems)) {
                upgrades.add(new FinalState.UpgradeRow(u.getId(), u.getState().getValue(), u.getFromVersion(),
                        u.getToVersion(), u.getError() == null ? null : u.getError().getCode()));
            }
            plugins.add(new FinalState.PluginState(id, p.getVersion(), p.getState() == null ? null : p.getState().getValue(),
                    objects, upgrades));
        }
        List<FinalState.BackupRow> backups = new ArrayList<>();
        for (Backup b : pages(offset -> read(() -> new BackupsApi(clients.backup(random))
                .listBackups(PAGE, offset, null, null)), PageBackupView::getItems)) {
            backups.add(new FinalState.BackupRow(b.getId(), b.getTrigger().getValue(), b.getState().getValue(),
                    b.getScheduledFireTime() == null ? null : b.getScheduledFireTime().toInstant(),
                    b.getError() == null ? null : b.getError().getCode()));
        }
        List<FinalState.EventRecord> events = topics();
        List<FinalState.InboxRow> inbox = new ArrayList<>();
        List<FinalState.OutboxRow> outbox = new ArrayList<>();
        List<FinalState.GuardRow> guards = new ArrayList<>();
        try (Connection c = cluster.adminConnection(); Statement s = c.createStatement()) {
            for (String schema : DatabaseBootstrap.SCHEMAS) {
                try (ResultSet rs = s.executeQuery("select consumer, event_id, processed_at from " + schema + ".inbox")) {
                    while (rs.next()) {
                        inbox.add(new FinalState.InboxRow(schema, rs.getString(1), rs.getString(2),
                                rs.getTimestamp(3).toInstant()));
                    }
                }
                try (ResultSet rs = s.executeQuery("select event_id, topic, event_type, published_at is not null from "
                        + schema + ".outbox")) {
                    while (rs.next()) {
                        outbox.add(new FinalState.OutboxRow(schema, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getBoolean(4)));
                    }
                }
                try (ResultSet rs = s.executeQuery("select plugin_id, upgrade_id from " + schema
                        + ".plugin_upgrade_guard")) {
                    while (rs.next()) {
                        guards.add(new FinalState.GuardRow(schema, rs.getString(1), rs.getString(2)));
                    }
                }
            }
        }
        return new FinalState(dsources, snapshots, jobs, plugins, backups, window, events, inbox, outbox, guards);
    }

    /** Every record of the four topics, from the beginning to the end. */
    List<FinalState.EventRecord> topics() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<FinalState.EventRecord> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null) {
                    continue;
                }
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> at = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!caughtUp(end, at) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    at.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                    String time = header(r, CloudEventHeaders.TIME);
                    out.add(new FinalState.EventRecord(r.topic(), r.partition(), r.offset(),
                            header(r, CloudEventHeaders.ID), header(r, CloudEventHeaders.TYPE), r.key(),
                            time == null ? null : Instant.parse(time), r.value()));
                }
            }
            if (!caughtUp(end, at)) {
                throw new IllegalStateException("the topics could not be read to their end: at " + at + ", end " + end);
            }
        }
        return out;
    }

    private static boolean caughtUp(Map<TopicPartition, Long> end, Map<TopicPartition, Long> at) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (e.getValue() > 0 && at.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Reads every page of a listing. */
    static <P, T> List<T> pages(PageReader<P> reader, Function<P, List<T>> items) throws Exception {
        List<T> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<T> page = items.apply(reader.page(offset));
            if (page == null || page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    interface PageReader<P> {
        P page(int offset) throws Exception;
    }

    /** A read of the quiet suite; asked again a few times if it fails (a replica may still be warming up). */
    static <T> T read(Callable<T> call) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                last = e;
                Thread.sleep(500L * (attempt + 1));
            }
        }
        throw last;
    }
}
