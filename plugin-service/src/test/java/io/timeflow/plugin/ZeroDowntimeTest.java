package io.timeflow.plugin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Zero downtime, as the plugin upgrade rules describe it: while a plugin is being upgraded its objects can be read
 * but not changed (409 naming the upgrade), a second upgrade of it is refused, and other plugins —
 * including their own upgrades — are unaffected.
 *
 * <p>To hold an upgrade in RUNNING without timing, the test keeps a row lock on one of the plugin's
 * objects: the upgrade migrates everything, then waits at its commit for the lock.
 */
@QuarkusTest
class ZeroDowntimeTest {

    @Inject
    AgroalDataSource db;

    static Bundle v2(String plugin) {
        return Bundle.of("rules-v1").id(plugin).build("2").with("src/migrations.py", """
                from dlpx.virtualization.platform import Plugin

                plugin = Plugin()


                @plugin.upgrade.virtual_source("1")
                def add_port(old):
                    old["port"] = 5432
                    return old
                """);
    }

    /** A transaction holding a share lock on an object row, which an upgrade's commit must wait for. */
    Connection holdCommitOf(String objectId) throws Exception {
        Connection gate = db.getConnection();
        gate.setAutoCommit(false);
        try (PreparedStatement ps = gate.prepareStatement("select id from plugin_object where id = ?::uuid for share")) {
            ps.setString(1, objectId);
            ps.executeQuery().close();
        }
        return gate;
    }

    static void awaitWaitingAtCommit(String plugin, String upgradeId) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath u = Api.getUpgrade(plugin, upgradeId);
            return u.getString("state").equals("RUNNING") && u.getLong("objectsMigrated") == u.getLong("objectsTotal");
        });
    }

    @Test
    void duringAnUpgradeReadsWorkWritesAre409NamingTheUpgradeAndOtherPluginsAreUnaffected() throws Exception {
        String plugin = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        String vdb = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"vdb\"}");
        String other = Api.object(plugin, "SNAPSHOT", "{}");
        String bystander = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        String bystanderObject = Api.object(bystander, "VIRTUAL_SOURCE", "{\"name\": \"b\"}");

        String upgradeId;
        try (Connection gate = holdCommitOf(vdb)) {
            upgradeId = Api.upgrade(plugin, v2(plugin), false);
            awaitWaitingAtCommit(plugin, upgradeId);

            JsonPath state = Api.plugin(plugin);
            assertThat(state.getString("state")).isEqualTo("UPGRADING");
            assertThat(state.getString("upgradeId")).isEqualTo(upgradeId);
            // reads keep working, and show the data as it is until the upgrade commits
            assertThat(Api.getObject(plugin, vdb).getMap("data")).isEqualTo(Map.of("name", "vdb"));
            given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/objects").then().statusCode(200)
                    .body("total", equalTo(2));
            // writes are refused, naming the upgrade
            Api.createObject(plugin, "SNAPSHOT", "{}").statusCode(409)
                    .contentType("application/problem+json")
                    .body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS"))
                    .body("detail", containsString(upgradeId))
                    .body("context.upgradeId", equalTo(upgradeId))
                    .body("context.pluginId", equalTo(plugin));
            given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON).body("{\"data\": {\"name\": \"renamed\"}}")
                    .put("/api/v1/plugins/" + plugin + "/objects/" + vdb)
                    .then().statusCode(409).body("context.upgradeId", equalTo(upgradeId));
            given().auth().oauth2(Api.ADMIN).delete("/api/v1/plugins/" + plugin + "/objects/" + other)
                    .then().statusCode(409).body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS"));
            // a second upgrade of the same plugin is refused while this one runs
            Api.requestUpgrade(plugin, v2(plugin).build("3"), false).statusCode(409)
                    .body("code", equalTo("UPGRADE_IN_PROGRESS"))
                    .body("context.upgradeId", equalTo(upgradeId));
            // another plugin is unaffected
            Api.createObject(bystander, "SNAPSHOT", "{}").statusCode(201);
            given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON).body("{\"data\": {\"name\": \"b2\"}}")
                    .put("/api/v1/plugins/" + bystander + "/objects/" + bystanderObject).then().statusCode(200);
            gate.commit();
        }

        JsonPath done = Api.finished(plugin, upgradeId);
        assertThat(done.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.getObject(plugin, vdb).getMap("data")).isEqualTo(Map.of("name", "vdb", "port", 5432));
        assertThat(Api.plugin(plugin).getString("state")).isEqualTo("ACTIVE");
        Api.createObject(plugin, "SNAPSHOT", "{}").statusCode(201);
        given().auth().oauth2(Api.ADMIN).delete("/api/v1/plugins/" + plugin + "/objects/" + other).then().statusCode(204);
    }

    @Test
    void upgradesOfTwoPluginsRunAtTheSameTime() throws Exception {
        String first = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        String second = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        String firstVdb = Api.object(first, "VIRTUAL_SOURCE", "{\"name\": \"one\"}");
        String secondVdb = Api.object(second, "VIRTUAL_SOURCE", "{\"name\": \"two\"}");

        String firstUpgrade;
        String secondUpgrade;
        try (Connection firstGate = holdCommitOf(firstVdb); Connection secondGate = holdCommitOf(secondVdb)) {
            firstUpgrade = Api.upgrade(first, v2(first), false);
            secondUpgrade = Api.upgrade(second, v2(second), false);
            // both have migrated every object and wait to commit: they run side by side
            awaitWaitingAtCommit(first, firstUpgrade);
            awaitWaitingAtCommit(second, secondUpgrade);
            assertThat(Api.plugin(first).getString("state")).isEqualTo("UPGRADING");
            assertThat(Api.plugin(second).getString("state")).isEqualTo("UPGRADING");
            secondGate.commit();
            assertThat(Api.finished(second, secondUpgrade).getString("state")).isEqualTo("SUCCEEDED");
            assertThat(Api.getUpgrade(first, firstUpgrade).getString("state")).isEqualTo("RUNNING");
            firstGate.commit();
        }
        assertThat(Api.finished(first, firstUpgrade).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.getObject(first, firstVdb).getInt("data.port")).isEqualTo(5432);
        assertThat(Api.getObject(second, secondVdb).getInt("data.port")).isEqualTo(5432);
    }
}
