package io.timeflow.snapshot;

import static org.awaitility.Awaitility.await;

import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventCatalog;
import io.timeflow.events.EventJson;
import io.timeflow.events.TimeflowEvent;
import io.timeflow.events.plugin.UpgradeStarted;
import io.timeflow.events.plugin.UpgradeSucceeded;
import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DSourceAttached;
import io.timeflow.events.staging.DSourceDeleted;
import io.timeflow.events.staging.DSourceDetached;
import io.timeflow.events.staging.DSourceDisabled;
import io.timeflow.events.staging.DSourceEnabled;
import io.timeflow.events.staging.DSourceLinked;
import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateChanged;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.events.staging.FaultRaised;
import io.timeflow.events.staging.FaultResolved;
import io.timeflow.events.staging.MountStateChanged;
import io.timeflow.events.staging.RestoreCompleted;
import io.timeflow.events.staging.RestoreFailed;
import io.timeflow.events.staging.RestoreStarted;
import io.timeflow.testing.Infra;
import io.timeflow.testing.TopicProbe;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A staging-push dSource's story, told on {@code timeflow.staging.v1} exactly as staging-service's
 * outbox relay tells it: CloudEvents headers, record keyed by dSource id, JSON payload of the
 * contract's record. Each step waits until snapshot-service's inbox has applied it, so a test reads
 * the view only after the event is in it.
 */
public final class StagingStory {

    public static final String STAGING = "timeflow.staging.v1";
    public static final String PLUGIN = "timeflow.plugin.v1";
    public static final String SNAPSHOT = "timeflow.snapshot.v1";
    static final String STAGING_CONSUMER = "snapshot-service.staging-events";
    static final String PLUGIN_CONSUMER = "snapshot-service.plugin-events";

    public final String dsourceId = UUID.randomUUID().toString();
    public final String environmentId;
    public final String pluginId;
    public final String timeZone;
    public final DatabaseStateMode mode;
    public final String name;
    public final String mountBase;
    /** Every event told, in order, with its headers: what a re-consumption of the topic would deliver again. */
    public final List<Map<String, String>> told = new ArrayList<>();

    private BigInteger nextLsn = new BigInteger("34000000010000001");
    private String fork = UUID.randomUUID().toString();
    private BigInteger lastFullCheckpoint;

    private StagingStory(DatabaseStateMode mode, String timeZone, String pluginId) {
        this.mode = mode;
        this.timeZone = timeZone;
        this.pluginId = pluginId;
        this.environmentId = UUID.randomUUID().toString();
        this.name = "ds-" + dsourceId.substring(0, 8);
        this.mountBase = "C:\\Program Files\\Delphix\\DelphixConnector\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-"
                + dsourceId.substring(0, 4) + "\\DATA\\DB";
    }

    /** A dSource not linked yet, on a new staging environment in {@code timeZone}. */
    public static StagingStory of(DatabaseStateMode mode, String timeZone) {
        return new StagingStory(mode, timeZone, "mssql-staging-push-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static StagingStory restoring() {
        return of(DatabaseStateMode.RESTORING, "Europe/Paris");
    }

    public static StagingStory online() {
        return of(DatabaseStateMode.ONLINE, "Asia/Tokyo");
    }

    /** Registers its environment and links it: the start of every story. */
    public StagingStory linked() {
        tell(new EnvironmentRegistered(environmentId, "env-" + environmentId.substring(0, 8), "sqlstage.example",
                "WINDOWS", timeZone, "C:\\Program Files\\Delphix\\DelphixConnector", Instant.now()));
        return linkedOnly();
    }

    public StagingStory linkedOnly() {
        tell(new DSourceLinked(dsourceId, name, name.replace('-', '_') + "_staging", mode, environmentId,
                UUID.randomUUID().toString(), pluginId, mountBase, timeZone, Instant.now()));
        return this;
    }

    /** Registers its environment and links it with hooks of these phases (and a default SnapSync policy, if given). */
    public StagingStory linkedWith(List<String> hookPhases, String syncPolicyId) {
        tell(new EnvironmentRegistered(environmentId, "env-" + environmentId.substring(0, 8), "sqlstage.example",
                "WINDOWS", timeZone, "C:\\Program Files\\Delphix\\DelphixConnector", Instant.now()));
        tell(new DSourceLinked(dsourceId, name, name.replace('-', '_') + "_staging", mode, environmentId,
                UUID.randomUUID().toString(), pluginId, mountBase, timeZone, Instant.now(), hookPhases, syncPolicyId,
                "STAGING_PUSH"));
        return this;
    }

    /** The dSource's hooks changed: from now on it has hooks of these phases. */
    public void hooks(List<String> phases) {
        tell(new io.timeflow.events.staging.DSourceUpdated(dsourceId, List.of("hooks"), Instant.now(), phases));
    }

    /** The staging database observed with files that do not lie directly in the mount's DB directory. */
    public void filesInSubdirectory(String... outside) {
        List<String> files = new ArrayList<>(List.of(outside));
        tell(new DatabaseStateChanged(dsourceId, mode == DatabaseStateMode.ONLINE ? DatabaseState.ONLINE
                : DatabaseState.RESTORING, true, files, false, Instant.now(), files));
    }

    public void converted(String from, String to) {
        tell(new io.timeflow.events.staging.DSourceConverted(dsourceId, from, to, Instant.now()));
    }

    public String restoreStarted(BackupType type) {
        String restoreId = UUID.randomUUID().toString();
        tell(new RestoreStarted(dsourceId, restoreId, type, Instant.now()));
        return restoreId;
    }

    public void restoreCompleted(String restoreId, BackupSet set) {
        tell(new RestoreCompleted(dsourceId, restoreId, set, set.type() == BackupType.FULL,
                mode == DatabaseStateMode.RESTORING, List.of(mountBase + "\\sp.mdf", mountBase + "\\sp_log.ldf"),
                Instant.now().minusSeconds(30), Instant.now()));
    }

    public void restoreFailed(String restoreId, BackupType type) {
        tell(new RestoreFailed(dsourceId, restoreId, type, "Msg 3013: RESTORE LOG is terminating abnormally",
                Instant.now().minusSeconds(5), Instant.now()));
    }

    /** A restore reported start to finish; returns its id. */
    public String restore(BackupSet set) {
        String id = restoreStarted(set.type());
        restoreCompleted(id, set);
        return id;
    }

    /** A FULL backup of the current recovery fork. */
    public BackupSet full() {
        return full(false);
    }

    public BackupSet full(boolean sourceReadOnly) {
        BigInteger first = advance();
        BigInteger last = advance();
        lastFullCheckpoint = first;
        return new BackupSet(BackupType.FULL, "\\\\10-43-89-18\\Backup\\full-" + first + ".bak", first, last, first,
                null, fork, Instant.now().minusSeconds(600), Instant.now().minusSeconds(590), sourceReadOnly);
    }

    /** A LOG backup following the previous one. */
    public BackupSet log() {
        BigInteger first = nextLsn;
        BigInteger last = advance();
        return new BackupSet(BackupType.LOG, "\\\\10-43-89-18\\Backup\\log-" + first + ".trn", first, last, first,
                lastFullCheckpoint, fork, Instant.now().minusSeconds(300), Instant.now().minusSeconds(299), false);
    }

    /** The source was restored elsewhere (or recovered): later backups belong to a new recovery fork. */
    public String newFork() {
        fork = UUID.randomUUID().toString();
        return fork;
    }

    public String fork() {
        return fork;
    }

    public void databaseState(DatabaseState state, boolean supported, boolean filesUnderMountDir) {
        tell(new DatabaseStateChanged(dsourceId, state, supported, List.of(mountBase + "\\sp.mdf"), filesUnderMountDir,
                Instant.now()));
    }

    public void mounted(boolean dataMounted) {
        tell(new MountStateChanged(dsourceId, dataMounted, mountBase, Instant.now()));
    }

    public String faultRaised(String code) {
        String faultId = UUID.randomUUID().toString();
        tell(new FaultRaised(dsourceId, faultId, code, "CRITICAL", "staging database in an unsupported state",
                Instant.now()));
        return faultId;
    }

    public void faultResolved(String faultId, String code) {
        tell(new FaultResolved(dsourceId, faultId, code, "RESOLVED", Instant.now()));
    }

    public void enabled() {
        tell(new DSourceEnabled(dsourceId, List.of(), Instant.now()));
    }

    public void disabled() {
        tell(new DSourceDisabled(dsourceId, Instant.now()));
    }

    public void detached() {
        tell(new DSourceDetached(dsourceId, Instant.now()));
    }

    public void attached(String newDatabaseName) {
        tell(new DSourceAttached(dsourceId, newDatabaseName, mode, environmentId, UUID.randomUUID().toString(),
                Instant.now()));
    }

    public void deleted() {
        tell(new DSourceDeleted(dsourceId, Instant.now()));
    }

    public void upgradeStarted(String upgradeId) {
        tellOn(PLUGIN, PLUGIN_CONSUMER, new UpgradeStarted(pluginId, upgradeId, "1.0.0", "1.1.0", Instant.now()));
    }

    public void upgradeSucceeded(String upgradeId) {
        tellOn(PLUGIN, PLUGIN_CONSUMER, new UpgradeSucceeded(pluginId, upgradeId, "1.0.0", "1.1.0", 3, Instant.now()));
    }

    /** Puts the event on the staging topic and waits until snapshot-service has applied it. */
    public Map<String, String> tell(TimeflowEvent event) {
        return tellOn(STAGING, STAGING_CONSUMER, event);
    }

    private Map<String, String> tellOn(String topic, String consumer, TimeflowEvent event) {
        Map<String, String> headers = send(topic, event);
        told.add(headers);
        awaitApplied(consumer, headers.get(CloudEventHeaders.ID));
        return headers;
    }

    /** Sends an event as staging-service's (or plugin-service's) relay would, without waiting. */
    public static Map<String, String> send(String topic, TimeflowEvent event) {
        String type = EventCatalog.of(event.getClass()).name();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, topic.equals(PLUGIN) ? "/timeflow/plugin-service" : "/timeflow/staging-service");
        headers.put(CloudEventHeaders.SUBJECT, event.aggregateId());
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        headers.put("payload", EventJson.write(event));
        Map<String, String> onTheWire = new LinkedHashMap<>(headers);
        onTheWire.remove("payload");
        TopicProbe.send(topic, event.aggregateId(), onTheWire, headers.get("payload"));
        return headers;
    }

    /** Sends a told event again, same ce_id and payload: a redelivery, as after a restart or a rebalance. */
    public static void redeliver(Map<String, String> told) {
        Map<String, String> onTheWire = new LinkedHashMap<>(told);
        String payload = onTheWire.remove("payload");
        TopicProbe.send(STAGING, told.get(CloudEventHeaders.SUBJECT), onTheWire, payload);
    }

    public static void awaitApplied(String consumer, String eventId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> count("select count(*) from inbox where consumer = ? and event_id = ?", consumer, eventId) == 1);
    }

    private BigInteger advance() {
        BigInteger current = nextLsn;
        nextLsn = nextLsn.add(BigInteger.valueOf(1_600_000));
        return current;
    }

    /** Runs a count query as snapshot-service's role (its schema is on the role's search path). */
    public static long count(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(Infra.postgres().jdbcUrl(), "timeflow_snapshot", Infra.ROLE_PASSWORD);
    }

    public static Map<String, String> headers(Map<String, String> told) {
        Map<String, String> copy = new LinkedHashMap<>(told);
        copy.remove("payload");
        return copy;
    }
}
