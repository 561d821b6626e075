package io.timeflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.plugin.domain.UpgradeRecovery;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With several replicas, an upgrade is ended as interrupted only when the replica running it stopped:
 * the recovery every replica runs when it starts (and every few seconds) leaves alone an upgrade that
 * a live replica runs, and fails, having changed nothing, one whose replica's database session ended.
 * Found by the chaos run: a replica that restarted failed the upgrade another replica was running.
 *
 * <p>The upgrade is held RUNNING at its commit by a row lock on one of its objects (as in
 * {@link ZeroDowntimeTest}); a replica's death is what PostgreSQL sees of it: its session ends.
 */
@QuarkusTest
class UpgradeRecoveryTest {

    /** The namespace of the upgrades' advisory locks ("TFUP"). */
    private static final long NAMESPACE = 0x54465550L;

    @Inject
    AgroalDataSource db;

    @Inject
    UpgradeRecovery recovery;

    @TestHTTPResource(value = "/metrics", management = true) // under the management root, /q
    URL metrics;

    /** A transaction holding a share lock on an object row, which the upgrade's commit must wait for. */
    private Connection holdCommitOf(String objectId) throws Exception {
        Connection gate = db.getConnection();
        gate.setAutoCommit(false);
        try (PreparedStatement ps = gate.prepareStatement("select id from plugin_object where id = ?::uuid for share")) {
            ps.setString(1, objectId);
            ps.executeQuery().close();
        }
        return gate;
    }

    @Test
    void theRecoveryOfAStartingReplicaLeavesAnUpgradeALiveReplicaRuns() throws Exception {
        String plugin = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        String vdb = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"vdb\"}");

        String upgradeId;
        try (Connection gate = holdCommitOf(vdb)) {
            upgradeId = Api.upgrade(plugin, ZeroDowntimeTest.v2(plugin), false);
            ZeroDowntimeTest.awaitWaitingAtCommit(plugin, upgradeId);

            assertThat(recovery.sweep()).doesNotContain(UUID.fromString(upgradeId));

            assertThat(Api.getUpgrade(plugin, upgradeId).getString("state")).isEqualTo("RUNNING");
            assertThat(Api.plugin(plugin).getString("state")).isEqualTo("UPGRADING");
            gate.commit();
        }
        assertThat(Api.finished(plugin, upgradeId).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.getObject(plugin, vdb).getMap("data")).isEqualTo(Map.of("name", "vdb", "port", 5432));
    }

    @Test
    void anUpgradeWhoseReplicaStoppedFailsHavingChangedNothingAndThePluginIsActiveAgain() throws Exception {
        String plugin = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        String vdb = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"vdb\"}");
        String before = Api.plugin(plugin).getString("version");
        JobScrape scrape = new JobScrape(metrics);
        JobScrape.Counts counted = scrape.counts();

        String upgradeId;
        try (Connection gate = holdCommitOf(vdb)) {
            upgradeId = Api.upgrade(plugin, ZeroDowntimeTest.v2(plugin), false);
            ZeroDowntimeTest.awaitWaitingAtCommit(plugin, upgradeId);

            endSessionHoldingTheLeaseOf(UUID.fromString(upgradeId));
            assertThat(recovery.sweep()).containsExactly(UUID.fromString(upgradeId));
            // the operator sees it: recovered, and ended FAILED
            UpgradeMetricsTest.awaitCounts(scrape, counted, new JobScrape.Counts(1, 1, 0, 1, 1));

            JsonPath failed = Api.getUpgrade(plugin, upgradeId);
            assertThat(failed.getString("state")).isEqualTo("FAILED");
            assertThat(failed.getString("error.code")).isEqualTo("UPGRADE_INTERRUPTED");
            JsonPath back = Api.plugin(plugin);
            assertThat(back.getString("state")).isEqualTo("ACTIVE");
            assertThat(back.getString("version")).isEqualTo(before);
            // the job was waiting to commit: it commits nothing now
            gate.commit();
        }
        assertThat(Api.finished(plugin, upgradeId).getString("state")).isEqualTo("FAILED");
        assertThat(Api.getObject(plugin, vdb).getMap("data")).isEqualTo(Map.of("name", "vdb"));
        assertThat(Api.plugin(plugin).getString("version")).isEqualTo(before);
        assertThat(recovery.sweep()).doesNotContain(UUID.fromString(upgradeId));
        // the job's own commit rolled back and counted nothing: the upgrade ended once, as FAILED
        UpgradeMetricsTest.awaitCounts(scrape, counted, new JobScrape.Counts(1, 1, 0, 1, 1));
    }

    /** What PostgreSQL sees when the replica running the upgrade dies: the session holding its lease ends. */
    private void endSessionHoldingTheLeaseOf(UUID upgradeId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select pg_terminate_backend(pid) from pg_locks
                where locktype = 'advisory' and granted and classid::bigint = ? and objid::bigint = ?""")) {
            ps.setLong(1, NAMESPACE);
            ps.setLong(2, upgradeId.hashCode() & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a session holds the lease of upgrade %s", upgradeId).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
        // the session is gone once its lock is free
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    select count(*) from pg_locks
                    where locktype = 'advisory' and classid::bigint = ? and objid::bigint = ?""")) {
                ps.setLong(1, NAMESPACE);
                ps.setLong(2, upgradeId.hashCode() & 0xFFFFFFFFL);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == 0;
                }
            }
        });
    }
}
