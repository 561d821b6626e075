package io.timeflow.plugin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.plugin.sandbox.PluginLog;
import io.timeflow.testing.security.SecretScan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A plugin written the way public Virtualization SDK plugins are written loads, upgrades and logs
 * unchanged. {@code sdkstyle-v1} and {@code -v2} carry the traits met in real plugins: a
 * PlatformHandler on the root logger at import (set up twice), modules imported by bare name from
 * sub-directories and from folders without {@code __init__.py}, generated classes built at module
 * level, every decorator group, migrations declared out of numeric order, three functions named
 * {@code tidy} with different ids, a Lua migration, a migration raising KeyError on a field that was
 * optional, migrations that log and print whole objects holding passwords, and a migration that looks
 * at the Python types of what it gets.
 *
 * <p>The tests run in order on one installed plugin: install, a dry run that reports two failing
 * objects, every object of the dry run compared with what CPython makes of it (skipped, and reported
 * as skipped, only when {@code python3} is not on the PATH), a real upgrade that fails and changes
 * nothing, then the two objects fixed and the upgrade that succeeds.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkPluginTraitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PW = "Adm1n-pa55'word-" + Bundle.newId().substring(0, 6);
    private static final String REPL_PW = "r3pl-\"secret\"-" + Bundle.newId().substring(0, 6);
    private static final String WEST_PW = "west\\side\ttab-" + Bundle.newId().substring(0, 6);
    private static final String NORTH_PW = "n0rth-pw-" + Bundle.newId().substring(0, 6);
    private static final String SOUTH_PW = "s0uth-pw-" + Bundle.newId().substring(0, 6);
    private static final String DB_PW = "db-pässwörd-" + Bundle.newId().substring(0, 6);
    private static final String TOKEN = "monitor-token-" + Bundle.newId().substring(0, 6);
    private static final List<String> NEW_MIGRATIONS = List.of("2024.02.01.1", "2024.02.01.2", "2024.02.01.10",
            "2024.02.02", "2024.03.01", "2024.03.02", "2024.04.01", "2024.06.01");

    static String plugin;
    /** object id -> [type, data as created] */
    static final Map<String, String[]> created = new LinkedHashMap<>();
    /** the dry run's report rows, by object id */
    static final Map<String, JsonNode> dryRun = new LinkedHashMap<>();
    static String north;
    static String south;
    static SecretScan scan;
    static final ConcurrentLinkedQueue<String> pluginLog = new ConcurrentLinkedQueue<>();
    static final Handler PLUGIN_LOG = new Handler() {
        @Override
        public void publish(LogRecord record) {
            pluginLog.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void watchLogs() {
        scan = SecretScan.start();
        for (String secret : List.of(ADMIN_PW, REPL_PW, WEST_PW, NORTH_PW, SOUTH_PW, DB_PW, TOKEN)) {
            scan.secret(secret.substring(0, 8), secret);
        }
        Logger.getLogger(PluginLog.CATEGORY).addHandler(PLUGIN_LOG);
    }

    @AfterAll
    static void stopWatching() {
        Logger.getLogger(PluginLog.CATEGORY).removeHandler(PLUGIN_LOG);
        scan.close();
    }

    static Bundle v1() {
        return Bundle.of("sdkstyle-v1").id(plugin);
    }

    static Bundle v2() {
        return Bundle.of("sdkstyle-v2").id(plugin).inDirectory("sdk-style-plugin-2.0.0");
    }

    static String create(String type, String data) {
        String id = Api.object(plugin, type, data);
        created.put(id, new String[] {type, data});
        return id;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    /** Line (1-based) of the first line of the v2 entry point that contains the text. */
    static int lineOf(String text) {
        String[] lines = Bundle.of("sdkstyle-v2").file("src/plugin_runner.py").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(text);
    }

    @Test
    @Order(1)
    void anSdkStylePluginLoadsUnchanged_everyOperationOfEveryDecoratorGroupIsListed() {
        plugin = Bundle.newId();
        JsonPath installed = Api.install(Bundle.of("sdkstyle-v1").id(plugin)).statusCode(201).extract().jsonPath();

        assertThat(installed.getList("operations", String.class)).containsExactly("discovery.repository",
                "discovery.source_config", "linked.pre_snapshot", "linked.post_snapshot", "linked.start_staging",
                "linked.stop_staging", "linked.status", "linked.worker", "linked.mount_specification",
                "linked.source_size", "virtual.configure", "virtual.unconfigure", "virtual.reconfigure",
                "virtual.cleanup", "virtual.start", "virtual.stop", "virtual.pre_snapshot", "virtual.post_snapshot",
                "virtual.status", "virtual.initialize", "virtual.mount_specification", "virtual.source_size");
        assertThat(installed.getList("migrationIds", String.class)).containsExactly("2023.01.05", "2023.01.10");
        // what the plugin logged at import reached the service's log once, although its set-up ran twice
        assertThat(pluginLog).filteredOn(l -> l.contains(plugin) && l.contains("sdk-style plugin loaded from "
                + "plugin_runner.py")).hasSize(1).allMatch(l -> l.startsWith("INFO "));
    }

    @Test
    @Order(2)
    void aDryRunRunsTheNewMigrationsInNumericOrder_everyObjectComesOutAsExpected_failuresNamed() throws Exception {
        create("REPOSITORY", "{\"name\": \"  main  \", \"installPath\": \"/opt/cluster\", \"version\": \"7.1\"}");
        create("REPOSITORY", "{\"name\": \"side\", \"installPath\": \"relative/path\"}");
        create("SOURCE_CONFIG", "{\"name\": \"db1\", \"discoveryType\": \"Auto\"}");
        create("LINKED_SOURCE", "{\"clusterName\": \"east\", \"adminUser\": \"Administrator\", \"adminPassword\": "
                + quoted(ADMIN_PW) + ", \"replicationPassword\": " + quoted(REPL_PW)
                + ", \"bucketQuota\": 256, \"backupLocation\": \"/backups/east/archive-7\"}");
        create("LINKED_SOURCE", "{\"clusterName\": \"west\", \"adminUser\": \"admin\", \"adminPassword\": "
                + quoted(WEST_PW) + ", \"bucketQuota\": 0, \"backupLocation\": \"\"}");
        north = create("LINKED_SOURCE", "{\"clusterName\": \"north\", \"adminUser\": \"admin\", \"adminPassword\": "
                + quoted(NORTH_PW) + ", \"bucketQuota\": 512}");
        south = create("LINKED_SOURCE", "{\"clusterName\": \"south\", \"adminUser\": \"admin\", \"adminPassword\": "
                + quoted(SOUTH_PW) + ", \"bucketQuota\": 50, \"backupLocation\": \"/b/s/a\"}");
        create("VIRTUAL_SOURCE", "{\"mountPath\": \"/mnt/vdb1\", \"port\": 5433, \"dbPassword\": " + quoted(DB_PW)
                + ", \"monitorToken\": " + quoted(TOKEN) + ", \"nodes\": [{\"hostname\": \"n1\", \"port\": 7000, "
                + "\"enabled\": true}, {\"hostname\": \"n2\"}]}");
        create("SNAPSHOT", "{\"snapshotId\": \"s1\", \"sizeMb\": 2048, \"ratio\": 1.5, \"compressed\": true, "
                + "\"parent\": null, \"layers\": [[1, 2], [3]], \"labels\": {\"a\": \"x\", \"b\": false, \"c\": 3, \"d\": null}}");
        create("SNAPSHOT", "{\"snapshotId\": \"big\", \"sizeMb\": 9007199254740993, \"ratio\": 2.0, \"layers\": []}");

        JsonPath upgrade = Api.upgraded(plugin, v2(), true);

        assertThat(upgrade.getList("migrations.id", String.class)).isEqualTo(NEW_MIGRATIONS);
        assertThat(upgrade.getList("migrations.function", String.class)).containsExactly("add_sync_lag",
                "rename_sync_lag", "lag_unknown", "split_backup_location", "tidy", "tidy", "credentials_from_password",
                "record_types");
        assertThat(upgrade.getString("state")).isEqualTo("FAILED");
        assertThat(upgrade.getLong("objectsFailed")).isEqualTo(2);
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (JsonNode node : reportJson(upgrade.getString("id")).path("items")) {
            rows.put(node.path("objectId").asText(), node);
        }
        assertThat(rows).hasSize(created.size());

        JsonNode northRow = rows.get(north);
        assertThat(northRow.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(northRow.path("error").path("code").asText()).isEqualTo("MIGRATION_FAILED");
        assertThat(northRow.path("error").path("message").asText()).isEqualTo("linked source " + north
                + ": migration 2024.02.02 (split_backup_location, src/plugin_runner.py line "
                + lineOf("@plugin.upgrade.linked_source(\"2024.02.02\")") + ") raised KeyError: 'backupLocation' at "
                + "src/plugin_runner.py line " + lineOf("pop(\"backupLocation\")"));
        JsonNode southRow = rows.get(south);
        assertThat(southRow.path("error").path("code").asText()).isEqualTo("SCHEMA_VALIDATION_FAILED");
        assertThat(southRow.path("error").path("message").asText())
                .contains("/buckets/0/quotaMb must be >= 100 (rule minimum)");

        Map<String, String> expected = expectedAfterUpgrade();
        for (Map.Entry<String, String[]> object : created.entrySet()) {
            if (object.getKey().equals(north) || object.getKey().equals(south)) {
                continue;
            }
            JsonNode row = rows.get(object.getKey());
            assertThat(row.path("outcome").asText()).as(object.getValue()[1]).isEqualTo("MIGRATED");
            assertThat(row.path("data")).as(object.getValue()[1]).isEqualTo(tree(expected.get(object.getValue()[1])));
        }
        assertThat(rows.values()).filteredOn(r -> r.path("type").asText().equals("LINKED_SOURCE")
                        && r.path("outcome").asText().equals("MIGRATED"))
                .allSatisfy(r -> assertThat(r.path("sensitiveFields").toString()).contains("/adminPassword"));
        assertThat(rows.values()).filteredOn(r -> r.path("type").asText().equals("VIRTUAL_SOURCE")).singleElement()
                .satisfies(r -> assertThat(r.path("sensitiveFields")).isEqualTo(
                        tree("[\"/dbCredentials/password\", \"/monitorToken\"]")));

        dryRun.putAll(rows);
    }

    @Test
    @Order(3)
    void everyObjectTheDryRunMigratedIsWhatCPythonMakesOfTheSameMigrationFunctions() {
        assumeTrue(ReferenceMigrations.available(), "python3 is not on the PATH, so the comparison with CPython "
                + "cannot run (.ci/run installs python3)");
        assertThat(dryRun).hasSize(created.size());
        List<ReferenceMigrations.Input> inputs = new ArrayList<>();
        created.values().forEach(o -> inputs.add(new ReferenceMigrations.Input(o[0], tree(o[1]))));
        List<JsonNode> reference = ReferenceMigrations.run(Path.of("src/test/resources/plugins/sdkstyle-v2/src"),
                "plugin_runner:plugin", NEW_MIGRATIONS, inputs);
        assertThat(reference).hasSize(created.size());
        int i = 0;
        for (String id : created.keySet()) {
            JsonNode cpython = reference.get(i++);
            JsonNode row = dryRun.get(id);
            if (row.path("outcome").asText().equals("MIGRATED")) {
                assertThat(cpython.has("ok")).as("CPython migrated " + id + ": " + cpython).isTrue();
                List<String> sensitive = new ArrayList<>();
                row.path("sensitiveFields").forEach(f -> sensitive.add(f.asText()));
                assertThat(row.path("data")).as("object " + id + " as CPython makes it")
                        .isEqualTo(ReferenceMigrations.without(cpython.path("ok"), sensitive));
            } else if (id.equals(north)) {
                assertThat(cpython.path("error").path("exception").asText()).isEqualTo("KeyError");
            } else {
                // the quota the new schema refuses: CPython migrates it, the service's validation refuses it
                assertThat(cpython.at("/ok/buckets/0/quotaMb").asInt()).isEqualTo(50);
            }
        }
    }

    /** What each object (by the data it was created with) is after the upgrade, without its sensitive values. */
    static Map<String, String> expectedAfterUpgrade() {
        Map<String, String> after = new LinkedHashMap<>();
        for (String[] object : created.values()) {
            String data = object[1];
            String expected;
            if (data.contains("\"  main  \"")) {
                expected = "{\"name\": \"  main  \", \"installPath\": \"/opt/cluster\", \"version\": \"7.1\", \"os\": \"linux\"}";
            } else if (data.contains("\"side\"")) {
                expected = "{\"name\": \"side\", \"installPath\": \"relative/path\", \"os\": \"unknown\"}";
            } else if (data.contains("\"db1\"")) {
                expected = "{\"name\": \"db1\", \"discoveryType\": \"Manual\"}";
            } else if (data.contains("\"east\"")) {
                expected = "{\"clusterName\": \"east\", \"adminUser\": \"Administrator\", \"buckets\": [{\"name\": "
                        + "\"default\", \"quotaMb\": 256}], \"lagSeconds\": null, \"backupDir\": \"/backups/east\", "
                        + "\"archiveName\": \"archive-7\"}";
            } else if (data.contains("\"west\"")) {
                expected = "{\"clusterName\": \"west\", \"adminUser\": \"admin\", \"buckets\": [], \"lagSeconds\": null, "
                        + "\"backupDir\": \"\", \"archiveName\": \"\"}";
            } else if (data.contains("\"north\"")) {
                expected = "{\"clusterName\": \"north\", \"adminUser\": \"admin\", \"buckets\": [{\"name\": \"default\", "
                        + "\"quotaMb\": 512}], \"lagSeconds\": null, \"backupDir\": \"/b/n\", \"archiveName\": \"a1\"}";
            } else if (data.contains("/mnt/vdb1")) {
                expected = "{\"mountPath\": \"/mnt/vdb1\", \"port\": 5433, \"nodes\": [{\"hostname\": \"n1\", \"port\": 7000, "
                        + "\"enabled\": true}, {\"hostname\": \"n2\"}], \"dbCredentials\": {\"type\": "
                        + "\"NamedPasswordCredential\", \"username\": \"postgres\"}}";
            } else if (data.contains("\"s1\"")) {
                expected = "{\"snapshotId\": \"s1\", \"sizeMb\": 2048, \"ratio\": 1.5, \"compressed\": true, \"parent\": null, "
                        + "\"layers\": [[1, 2], [3]], \"labels\": {\"a\": \"x\", \"b\": false, \"c\": 3, \"d\": null}, "
                        + "\"sizeKb\": 2097152, \"checks\": {\"snapshotId\": \"str\", \"sizeMb\": \"int\", \"ratio\": \"float\", "
                        + "\"compressed\": \"bool\", \"parent\": \"NoneType\", \"layers\": \"list[list[int,int],list[int]]\", "
                        + "\"labels\": \"dict{a:str,b:bool,c:int,d:NoneType}\"}}";
            } else if (data.contains("\"big\"")) {
                expected = "{\"snapshotId\": \"big\", \"sizeMb\": 9007199254740993, \"ratio\": 2.0, \"layers\": [], "
                        + "\"checks\": {\"snapshotId\": \"str\", \"sizeMb\": \"int\", \"ratio\": \"float\", \"layers\": \"list[]\"}}";
            } else {
                continue;
            }
            after.put(data, expected);
        }
        return after;
    }

    @Test
    @Order(4)
    void aKeyErrorOnAFieldThatWasOptionalFailsTheWholeUpgrade_andChangesNothing() {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        created.keySet().forEach(id -> before.put(id, objectJson(id)));

        JsonPath upgrade = Api.upgraded(plugin, v2(), false);

        assertThat(upgrade.getString("state")).isEqualTo("FAILED");
        assertThat(upgrade.getString("error.code")).isIn("MIGRATION_FAILED", "SCHEMA_VALIDATION_FAILED");
        assertThat(upgrade.getString("error.message")).contains("(and 1 more objects failed)");
        for (Map.Entry<String, JsonNode> object : before.entrySet()) {
            assertThat(objectJson(object.getKey())).isEqualTo(object.getValue());
        }
        JsonPath current = Api.plugin(plugin);
        assertThat(current.getString("buildNumber")).isEqualTo("1.0.0");
        assertThat(current.getString("state")).isEqualTo("ACTIVE");
    }

    @Test
    @Order(5)
    void withTheFailingObjectsFixedTheUpgradeSucceeds_typesSurviveTheCrossing() {
        given().auth().oauth2(Api.ADMIN).contentType("application/json")
                .body("{\"data\": {\"clusterName\": \"north\", \"adminUser\": \"admin\", \"bucketQuota\": 512, "
                        + "\"backupLocation\": \"/b/n/a1\"}}")
                .put("/api/v1/plugins/" + plugin + "/objects/" + north).then().statusCode(200);
        created.put(north, new String[] {"LINKED_SOURCE", created.get(north)[1].replace("\"bucketQuota\": 512",
                "\"bucketQuota\": 512, \"backupLocation\": \"/b/n/a1\"")});
        given().auth().oauth2(Api.ADMIN).delete("/api/v1/plugins/" + plugin + "/objects/" + south).then().statusCode(204);
        created.remove(south);

        JsonPath upgrade = Api.upgraded(plugin, v2(), false);

        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.plugin(plugin).getString("buildNumber")).isEqualTo("2.0.0");
        Map<String, String> expected = expectedAfterUpgrade();
        for (Map.Entry<String, String[]> object : created.entrySet()) {
            JsonNode data = objectJson(object.getKey()).path("data");
            assertThat(data).as(object.getValue()[1]).isEqualTo(tree(expected.get(object.getValue()[1])));
        }
    }

    @Test
    @Order(6)
    void whatMigrationsLogReachesTheOutputAndTheServiceLogOnce_withNoSensitiveValueOfEitherSchema() {
        JsonPath last = given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/upgrades")
                .then().statusCode(200).extract().jsonPath();
        String upgradeId = last.getString("items[0].id");
        String output = last.getString("items[0].output");
        // three linked sources went through the logging migrations; each record once, print output too
        assertThat(count(output, "renaming the sync lag of {")).isEqualTo(3);
        assertThat(count(output, "linked source before the rename: {")).isEqualTo(3);
        assertThat(count(output, "] Completed split_backup_location: {")).isEqualTo(3);
        assertThat(count(output, "virtual source is now {")).isEqualTo(1);
        assertThat(output).contains("[DEBUG] [plugin_runner.py:" + (lineOf("renaming the sync lag of") ) + "]")
                .contains("'clusterName': 'east'").contains("[REDACTED]");
        List<String> lines = pluginLog.stream().filter(l -> l.contains("upgrade " + upgradeId)).toList();
        assertThat(lines).filteredOn(l -> l.contains("renaming the sync lag of")).hasSize(3)
                .allMatch(l -> l.startsWith("DEBUG ") && l.contains("plugin " + plugin));
        assertThat(lines).filteredOn(l -> l.contains("virtual source is now")).hasSize(1)
                .allMatch(l -> l.startsWith("INFO ") && l.contains("'monitorToken': '[REDACTED]'")
                        && l.contains("'password': '[REDACTED]'"));

        for (String id : last.getList("items.id", String.class)) {
            scan.output("upgrade " + id, Api.getUpgrade(plugin, id).prettify());
            scan.output("report " + id, reportJson(id).toString());
        }
        for (String id : created.keySet()) {
            scan.output("object " + id, objectJson(id).toString());
        }
        assertThat(scan.assertNoSecretIn("timeflow.plugin.v1")).isGreaterThan(10);
    }

    @Test
    @Order(7)
    void twoPluginsWithATopLevelUtilsPackageEachImportTheirOwn() {
        String other = Bundle.newId();
        Api.installed(Bundle.of("otherutils-v1").id(other));
        String repository = Api.object(other, "REPOSITORY", "{\"name\": \"main\"}");
        String rerun = Bundle.newId();
        Api.installed(Bundle.of("sdkstyle-v1").id(rerun));
        String linked = Api.object(rerun, "LINKED_SOURCE", "{\"clusterName\": \"c\", \"adminUser\": \"a\", "
                + "\"adminPassword\": \"pw-123456\", \"bucketQuota\": 0, \"backupLocation\": \"/b/c/d\"}");

        // both upgrades run side by side, each plugin's utils package in its own context
        String first = Api.upgrade(other, Bundle.of("otherutils-v2").id(other), false);
        String second = Api.upgrade(rerun, Bundle.of("sdkstyle-v2").id(rerun), false);

        assertThat(Api.finished(other, first).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.finished(rerun, second).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.getObject(other, repository).getMap("data"))
                .isEqualTo(Map.of("name", "main", "label", "other-utils:main"));
        assertThat(Api.getObject(rerun, linked).getString("data.archiveName")).isEqualTo("d");
    }

    /** An upgrade's per-object report as the service wrote it (numbers as JSON has them). */
    static JsonNode reportJson(String upgradeId) {
        return tree(given().auth().oauth2(Api.VIEWER).queryParam("limit", 500)
                .get("/api/v1/plugins/" + plugin + "/upgrades/" + upgradeId + "/objects")
                .then().statusCode(200).extract().asString());
    }

    /** An object as the service returns it (numbers as JSON has them). */
    static JsonNode objectJson(String objectId) {
        return tree(given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/objects/" + objectId)
                .then().statusCode(200).extract().asString());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
