package io.timeflow.plugin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventJson;
import io.timeflow.events.plugin.UpgradeFailed;
import io.timeflow.events.plugin.UpgradeStarted;
import io.timeflow.events.plugin.UpgradeSucceeded;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of plugin upgrades and data migrations, each through the API against the real service. */
@QuarkusTest
class UpgradeRulesTest {

    static final String TOPIC = "timeflow.plugin.v1";

    @Inject
    AgroalDataSource db;

    static Bundle v1(String plugin) {
        return Bundle.of("rules-v1").id(plugin);
    }

    /** rules-v1 with other migrations (and build number). */
    static Bundle version(String plugin, String build, String migrations) {
        return v1(plugin).build(build).with("src/migrations.py", """
                from dlpx.virtualization.platform import Plugin
                from dlpx.virtualization import libs
                import logging

                plugin = Plugin()
                logger = logging.getLogger(__name__)

                """ + migrations);
    }

    static String tracer(String id) {
        return """
                @plugin.upgrade.linked_source("%s")
                def m_%s(old):
                    old["trace"] = old.get("trace", []) + ["%s"]
                    return old

                """.formatted(id, id.replace('.', '_'), id);
    }

    @Test
    void migrationsRunInNumericOrder_1_before_2_before_10_and_1_9_before_1_10() {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin));
        String linked = Api.object(plugin, "LINKED_SOURCE", "{}");

        JsonPath upgrade = Api.upgraded(plugin,
                version(plugin, "2.0", tracer("10") + tracer("2") + tracer("1.10") + tracer("1") + tracer("1.9")), false);

        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(upgrade.getList("migrations.id")).containsExactly("1", "1.9", "1.10", "2", "10");
        assertThat(Api.getObject(plugin, linked).getList("data.trace")).containsExactly("1", "1.9", "1.10", "2", "10");
    }

    @Test
    void onlyNewRun_migrationsOfTheInstalledVersionDoNotRunAgain() {
        String plugin = Bundle.newId();
        Api.installed(version(plugin, "1.0", tracer("1") + tracer("2")));
        String linked = Api.object(plugin, "LINKED_SOURCE", "{\"trace\": []}");

        // the ids installed may be spelled differently in the new version: they are the same migrations
        JsonPath upgrade = Api.upgraded(plugin, version(plugin, "1.1",
                tracer("01").replace("m_01", "m_1") + tracer("2.0").replace("m_2_0", "m_2") + tracer("3")), false);

        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(upgrade.getList("migrations.id")).containsExactly("3");
        assertThat(Api.getObject(plugin, linked).getList("data.trace")).containsExactly("3");
        assertThat(Api.plugin(plugin).getList("migrationIds")).containsExactly("01", "2.0", "3");
    }

    @Test
    void eachObjectGoesThroughTheChainOfItsOwnTypeOnly() {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin));
        String linked = Api.object(plugin, "LINKED_SOURCE", "{}");
        String virtual = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"v\"}");
        String config = Api.object(plugin, "SOURCE_CONFIG", "{\"name\": \"c\"}");

        JsonPath upgrade = Api.upgraded(plugin, version(plugin, "2", tracer("1") + """
                @plugin.upgrade.virtual_source("2")
                def add_port(old):
                    old["port"] = 5432
                    return old
                """), false);

        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.getObject(plugin, linked).getMap("data")).isEqualTo(Map.of("trace", List.of("1")));
        assertThat(Api.getObject(plugin, virtual).getMap("data")).isEqualTo(Map.of("name", "v", "port", 5432));
        assertThat(Api.getObject(plugin, config).getMap("data")).isEqualTo(Map.of("name", "c"));
        JsonPath report = Api.report(plugin, upgrade.getString("id"), null);
        assertThat(report.getList("items.outcome")).containsExactlyInAnyOrder("MIGRATED", "MIGRATED", "UNCHANGED");
    }

    @Test
    void finalOnlyValidation_anIntermediateResultMayBreakTheSchemaIfTheFinalOneHoldsIt() {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin));
        String virtual = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"v\"}");

        JsonPath upgrade = Api.upgraded(plugin, version(plugin, "2", """
                @plugin.upgrade.virtual_source("1")
                def port_as_text(old):
                    old["port"] = "five thousand"   # not an integer: breaks the schema in between
                    old["scratch"] = {"nested": True}
                    return old

                @plugin.upgrade.virtual_source("2")
                def port_as_number(old):
                    old["port"] = 5000
                    del old["scratch"]
                    return old
                """).replace("schema.json", "\"properties\": {\"name\": {\"type\": \"string\"}, \"port\": {\"type\": \"integer\", \"minimum\": 1}}",
                "\"additionalProperties\": false, \"required\": [\"port\"], \"properties\": {\"name\": {\"type\": \"string\"}, \"port\": {\"type\": \"integer\", \"minimum\": 1}}"), false);

        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.getObject(plugin, virtual).getMap("data")).isEqualTo(Map.of("name", "v", "port", 5000));
    }

    @Test
    void allOrNothing_oneObjectFailingValidationLeavesEveryObjectAndTheVersionUnchanged() throws Exception {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin));
        String good1 = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"good1\"}");
        String bad = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"bad\"}");
        String good2 = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"good2\"}");
        String linked = Api.object(plugin, "LINKED_SOURCE", "{}");
        long versionBefore = rowVersion(good1);

        String upgradeId = Api.upgrade(plugin, version(plugin, "2", tracer("1") + """
                @plugin.upgrade.virtual_source("2")
                def add_port(old):
                    old["port"] = -1 if old["name"] == "bad" else 5432
                    return old
                """), false);
        JsonPath upgrade = Api.finished(plugin, upgradeId);

        assertThat(upgrade.getString("state")).isEqualTo("FAILED");
        assertThat(upgrade.getString("error.code")).isEqualTo("SCHEMA_VALIDATION_FAILED");
        assertThat(upgrade.getString("error.message")).isEqualTo("virtual source " + bad
                + " after migration 2 does not conform to the new schema: /port must be >= 1 (rule minimum)");
        for (String id : List.of(good1, good2)) {
            assertThat(Api.getObject(plugin, id).getMap("data")).doesNotContainKey("port");
        }
        assertThat(Api.getObject(plugin, linked).getMap("data")).isEmpty();
        assertThat(rowVersion(good1)).isEqualTo(versionBefore);
        JsonPath after = Api.plugin(plugin);
        assertThat(after.getString("buildNumber")).isEqualTo("1.0");
        assertThat(after.getString("state")).isEqualTo("ACTIVE");
        assertThat(given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/versions")
                .then().statusCode(200).extract().jsonPath().getList("buildNumber")).containsExactly("1.0");
        // the report says which object failed and what the others would have become
        JsonPath failed = Api.report(plugin, upgradeId, "FAILED");
        assertThat(failed.getList("items.objectId")).containsExactly(bad);
        assertThat(failed.getString("items[0].migrationId")).isEqualTo("2");
        assertThat(Api.report(plugin, upgradeId, "MIGRATED").getInt("total")).isEqualTo(3);
        // and the world is told, keyed by the plugin
        TopicProbe.Seen event = TopicProbe.await(TOPIC, r -> plugin.equals(r.key())
                && "io.timeflow.plugin.upgrade.failed.v1".equals(r.type()), Duration.ofSeconds(30));
        UpgradeFailed payload = EventJson.read(event.value(), UpgradeFailed.class);
        assertThat(payload.upgradeId()).isEqualTo(upgradeId);
        assertThat(payload.code()).isEqualTo("SCHEMA_VALIDATION_FAILED");
        assertThat(payload.toVersion()).isEqualTo("1.0");
    }

    @Test
    void aSucceededUpgradeIsAnnouncedStartedThenSucceededOnThePluginTopic() {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin));
        Api.object(plugin, "LINKED_SOURCE", "{}");
        JsonPath upgrade = Api.upgraded(plugin, version(plugin, "2", tracer("1")).configLine("externalVersion", "\"2.0\""),
                false);
        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");

        List<TopicProbe.Seen> seen = TopicProbe.readUntil(TOPIC, r -> plugin.equals(r.key())
                && "io.timeflow.plugin.upgrade.succeeded.v1".equals(r.type()), Duration.ofSeconds(30));
        List<TopicProbe.Seen> mine = seen.stream().filter(r -> plugin.equals(r.key())).toList();
        assertThat(mine).extracting(TopicProbe.Seen::type).containsExactly("io.timeflow.plugin.installed.v1",
                "io.timeflow.plugin.upgrade.started.v1", "io.timeflow.plugin.upgrade.succeeded.v1");
        UpgradeStarted started = EventJson.read(mine.get(1).value(), UpgradeStarted.class);
        assertThat(started.upgradeId()).isEqualTo(upgrade.getString("id"));
        assertThat(started.fromVersion()).isEqualTo("1.0");
        assertThat(started.toVersion()).isEqualTo("2.0");
        assertThat(mine.get(1).headers()).containsEntry(CloudEventHeaders.ACTOR, "plugin-admin-user");
        UpgradeSucceeded succeeded = EventJson.read(mine.get(2).value(), UpgradeSucceeded.class);
        assertThat(succeeded.objectsMigrated()).isEqualTo(1);
        assertThat(succeeded.toVersion()).isEqualTo("2.0");
    }

    @Test
    void neverDelete_anInstalledMigrationMissingFromTheNewVersionIsRefusedNamingItsId() {
        String plugin = Bundle.newId();
        Api.installed(version(plugin, "1", tracer("2019.11.20") + tracer("2019.12.1")));
        Api.requestUpgrade(plugin, version(plugin, "2", tracer("2019.12.01") + tracer("2020.1.1")), false)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("MIGRATION_REMOVED"))
                .body("detail", containsString("2019.11.20 (linked source)"))
                .body("context.missingMigrationIds", equalTo(List.of("2019.11.20")));
        assertThat(Api.plugin(plugin).getString("state")).isEqualTo("ACTIVE");
    }

    @Test
    void theBuildNumberMustIncrease_numericallyNotAsText() {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin).build("1.9"));
        Api.requestUpgrade(plugin, version(plugin, "1.9.0", tracer("1")), false)
                .statusCode(422).body("code", equalTo("BUILD_NUMBER_NOT_INCREASED"))
                .body("detail", containsString("1.9.0 is not greater than the installed build number 1.9"));
        Api.requestUpgrade(plugin, version(plugin, "1.10", tracer("1")), true).statusCode(202);
    }

    @Test
    void aDuplicateMigrationIdInTheNewVersionIsRefusedWithBothSpellings() {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin));
        Api.requestUpgrade(plugin, version(plugin, "2", tracer("1.2") + """
                @plugin.upgrade.repository("01.02")
                def other(old):
                    return old
                """), false)
                .statusCode(422)
                .body("code", equalTo("DUPLICATE_MIGRATION_ID"))
                .body("detail", containsString("\"01.02\""))
                .body("detail", containsString("\"1.2\""))
                .body("errors.field", hasItem("src/migrations.py:13"));
    }

    @Test
    void aBundleOfAnotherPluginCannotUpgradeThisOne() {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin));
        Api.requestUpgrade(plugin, v1(Bundle.newId()).build("2"), false)
                .statusCode(422).body("code", equalTo("PLUGIN_ID_MISMATCH"));
    }

    @Test
    void dryRun_reportsWhatEveryObjectWouldBecomeAndWhichWouldFailWithoutCommitting() {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin));
        String good = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"good\"}");
        String bad = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"bad\"}");
        Bundle v2 = version(plugin, "2", """
                @plugin.upgrade.virtual_source("1")
                def add_port(old):
                    old["port"] = 0 if old["name"] == "bad" else 5432
                    return old
                """);

        JsonPath dryRun = Api.upgraded(plugin, v2, true);

        assertThat(dryRun.getBoolean("dryRun")).isTrue();
        assertThat(dryRun.getString("state")).isEqualTo("FAILED");
        JsonPath report = Api.report(plugin, dryRun.getString("id"), null);
        assertThat(report.getList("items.objectId")).containsExactlyInAnyOrder(good, bad);
        Map<String, Object> goodLine = report.getMap("items.find { it.objectId == '" + good + "' }");
        assertThat(goodLine).containsEntry("outcome", "MIGRATED").containsEntry("migrationId", "1");
        assertThat(goodLine.get("data")).isEqualTo(Map.of("name", "good", "port", 5432));
        Map<String, Object> badLine = report.getMap("items.find { it.objectId == '" + bad + "' }");
        assertThat(badLine).containsEntry("outcome", "FAILED");
        assertThat(badLine.get("error").toString()).contains("/port must be >= 1 (rule minimum)");
        // nothing was committed, and the plugin never stopped taking writes
        assertThat(Api.getObject(plugin, good).getMap("data")).isEqualTo(Map.of("name", "good"));
        assertThat(Api.plugin(plugin).getString("buildNumber")).isEqualTo("1.0");
        assertThat(Api.plugin(plugin).getString("state")).isEqualTo("ACTIVE");

        JsonPath passing = Api.upgraded(plugin, v2.replace("src/migrations.py", "0 if old[\"name\"] == \"bad\" else 5432",
                "5433"), true);
        assertThat(passing.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(passing.getString("versionId")).isNull();
        assertThat(Api.report(plugin, passing.getString("id"), "MIGRATED").getInt("total")).isEqualTo(2);
        assertThat(Api.getObject(plugin, good).getMap("data")).isEqualTo(Map.of("name", "good"));
    }

    @Test
    void aMigrationThatReturnsSomethingOtherThanAJsonObjectFailsThatObjectAndCommitsNothing() throws Exception {
        String plugin = Bundle.newId();
        Api.installed(v1(plugin));
        String good = Api.object(plugin, "REPOSITORY", "{\"name\": \"good\"}");
        String nan = Api.object(plugin, "REPOSITORY", "{\"name\": \"nan\"}");
        String list = Api.object(plugin, "REPOSITORY", "{\"name\": \"list\"}");

        String upgradeId = Api.upgrade(plugin, version(plugin, "2", """
                @plugin.upgrade.repository("1")
                def odd(old):
                    if old["name"] == "nan":
                        return dict(old, ratio=float("nan"))
                    if old["name"] == "list":
                        return [old]
                    return dict(old, ratio=0.5)
                """), false);
        JsonPath upgrade = Api.finished(plugin, upgradeId);

        assertThat(upgrade.getString("state")).isEqualTo("FAILED");
        assertThat(upgrade.getString("error.code")).isEqualTo("MIGRATION_RESULT_INVALID");
        JsonPath failed = Api.report(plugin, upgradeId, "FAILED");
        assertThat(failed.getList("items.objectId")).containsExactlyInAnyOrder(nan, list);
        assertThat(failed.getString("items.find { it.objectId == '" + nan + "' }.error"))
                .contains("migration 1 (odd, src/migrations.py line 8) returned data that is not JSON: ValueError");
        assertThat(failed.getString("items.find { it.objectId == '" + list + "' }.error"))
                .contains("migration 1 (odd, src/migrations.py line 8) returned list, not a dict");
        assertThat(Api.report(plugin, upgradeId, "MIGRATED").getList("items.objectId")).containsExactly(good);
        for (String id : List.of(good, nan, list)) {
            assertThat(Api.getObject(plugin, id).getMap("data")).doesNotContainKey("ratio");
        }
        assertThat(Api.plugin(plugin).getString("buildNumber")).isEqualTo("1.0");
    }

    @Test
    void redactedErrors_aFailingMigrationsMessageAndOutputNeverCarryASensitiveValue() throws Exception {
        String plugin = Bundle.newId();
        String secret = "Tr0ub4dor&3-" + Bundle.newId().substring(0, 8);
        Api.installed(v1(plugin));
        String repository = Api.object(plugin, "REPOSITORY",
                "{\"name\": \"main\", \"user\": \"scott\", \"password\": \"" + secret + "\"}");

        String upgradeId = Api.upgrade(plugin, version(plugin, "2", """
                @plugin.upgrade.repository("1")
                def leaky(old):
                    print("migrating", old)
                    logger.warning("password is %s", old["password"])
                    raise ValueError("cannot convert password " + old["password"])
                """), false);
        JsonPath upgrade = Api.finished(plugin, upgradeId);

        assertThat(upgrade.getString("state")).isEqualTo("FAILED");
        assertThat(upgrade.getString("error.code")).isEqualTo("MIGRATION_FAILED");
        assertThat(upgrade.getString("error.message"))
                .startsWith("repository " + repository + ": migration 1 (leaky, src/migrations.py line 8) raised ValueError")
                .contains("[REDACTED]").contains("src/migrations.py line 12").doesNotContain(secret);
        assertThat(upgrade.getString("output")).contains("migrating").contains("scott").contains("[REDACTED]")
                .doesNotContain(secret);
        assertThat(Api.report(plugin, upgradeId, "FAILED").prettify()).doesNotContain(secret);
        TopicProbe.Seen event = TopicProbe.await(TOPIC, r -> plugin.equals(r.key())
                && "io.timeflow.plugin.upgrade.failed.v1".equals(r.type()), Duration.ofSeconds(30));
        assertThat(event.value()).doesNotContain(secret).contains("[REDACTED]");
    }

    @Test
    void migrationsSeeDecryptedValuesAndTheirOutputIsEncryptedAgain_upgradePasswordMakesACredentialsSupplier()
            throws Exception {
        String plugin = Bundle.newId();
        String secret = "s3cret-" + Bundle.newId().substring(0, 8);
        Api.installed(v1(plugin));
        String repository = Api.object(plugin, "REPOSITORY",
                "{\"name\": \"main\", \"user\": \"scott\", \"password\": \"" + secret + "\"}");
        Bundle v2 = version(plugin, "2", """
                @plugin.upgrade.repository("2020.1.1")
                def to_credentials(old):
                    new = {"name": old["name"], "credentials": libs.upgrade_password(old["password"], username=old["user"])}
                    return new
                """).replace("schema.json", """
                "user": {"type": "string"},
                      "password": {"type": "string", "format": "password"}""", """
                "credentials": {"$ref": "https://delphix.com/platform/api#/definitions/passwordCredentialsSupplier"}""");

        JsonPath upgrade = Api.upgraded(plugin, v2, false);

        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        JsonPath object = Api.getObject(plugin, repository);
        assertThat(object.getMap("data")).isEqualTo(Map.of("name", "main",
                "credentials", Map.of("type", "NamedPasswordCredential", "username", "scott")));
        assertThat(object.getList("sensitiveFields")).containsExactly("/credentials/password");
        String stored = storedData(repository);
        assertThat(stored).contains("tfenc:v1:").doesNotContain(secret);
        assertThat(reportData(upgrade.getString("id"))).doesNotContain(secret);
    }

    private long rowVersion(String objectId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select version from plugin_object where id = ?::uuid")) {
            ps.setString(1, objectId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String storedData(String objectId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select data::text from plugin_object where id = ?::uuid")) {
            ps.setString(1, objectId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String reportData(String upgradeId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select coalesce(string_agg(result::text, ''), '') from upgrade_object where upgrade_id = ?::uuid")) {
            ps.setString(1, upgradeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
