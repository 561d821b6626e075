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
import io.timeflow.events.plugin.PluginInstalled;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Installing plugins from bundles, reading them, and every way a bundle is refused. */
@QuarkusTest
class PluginApiTest {

    @Inject
    AgroalDataSource db;

    @Test
    void anSdkPluginInstallsUnchangedAndIsAnnounced() {
        String id = Bundle.newId();
        JsonPath installed = Api.install(Bundle.of("textfiles-v2").id(id)).statusCode(201)
                .header("Location", containsString("/api/v1/plugins/" + id))
                .extract().jsonPath();
        assertThat(installed.getString("name")).isEqualTo("Text Files");
        assertThat(installed.getString("state")).isEqualTo("ACTIVE");
        assertThat(installed.getString("version")).isEqualTo("1.1.0");
        assertThat(installed.getString("buildNumber")).isEqualTo("1.1.0");
        assertThat(installed.getString("language")).isEqualTo("PYTHON38");
        assertThat(installed.getString("pluginType")).isEqualTo("DIRECT");
        assertThat(installed.getList("hostTypes")).containsExactly("UNIX");
        assertThat(installed.getString("entryPoint")).isEqualTo("plugin_runner:plugin");
        assertThat(installed.getList("migrationIds")).containsExactly("2019.11.20");
        assertThat(installed.getString("migrations[0].objectType")).isEqualTo("LINKED_SOURCE");
        assertThat(installed.getString("migrations[0].function")).isEqualTo("add_skip_option");
        assertThat(installed.getString("migrations[0].file")).isEqualTo("src/plugin_runner.py");
        assertThat(installed.getInt("migrations[0].line")).isEqualTo(53);
        // the other decorators register without effect, and are listed
        assertThat(installed.getList("operations")).contains("discovery.repository", "linked.pre_snapshot",
                "virtual.mount_specification", "virtual.status");

        JsonPath read = Api.plugin(id);
        assertThat(read.getString("versionId")).isEqualTo(installed.getString("versionId"));
        given().auth().oauth2(Api.VIEWER).queryParam("limit", 500).get("/api/v1/plugins")
                .then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + id + "/versions")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].buildNumber", equalTo("1.1.0"))
                .body("[0].installedBy", equalTo("plugin-admin-user"));

        TopicProbe.Seen seen = TopicProbe.await("timeflow.plugin.v1", r -> id.equals(r.key()), Duration.ofSeconds(30));
        assertThat(seen.headers()).containsEntry(CloudEventHeaders.TYPE, "io.timeflow.plugin.installed.v1")
                .containsEntry(CloudEventHeaders.SOURCE, "/timeflow/plugin-service")
                .containsEntry(CloudEventHeaders.SUBJECT, id);
        PluginInstalled event = EventJson.read(seen.value(), PluginInstalled.class);
        assertThat(event.versionId()).isEqualTo(installed.getString("versionId"));
        assertThat(event.buildNumber()).isEqualTo("1.1.0");
        assertThat(event.migrationIds()).containsExactly("2019.11.20");
        assertThat(event.hostTypes()).containsExactly("UNIX");
    }

    @Test
    void aZipOfThePluginFolderWithTheNextVersionOfAPackagedModuleLoads() {
        String id = Bundle.newId();
        Api.install(Bundle.of("rediscovery-v2").id(id).inDirectory("installations-plugin")).statusCode(201)
                .body("entryPoint", equalTo("installations.plugin:plugin"))
                .body("buildNumber", equalTo("3.10"));
    }

    @Test
    void installingAnInstalledPluginIsAConflictThatPointsAtUpgrades() {
        String id = Bundle.newId();
        Api.installed(Bundle.of("manualport-v1").id(id));
        Api.install(Bundle.of("manualport-v2").id(id)).statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("PLUGIN_ALREADY_INSTALLED"))
                .body("detail", containsString("/api/v1/plugins/" + id + "/upgrades"));
    }

    @Test
    void aSyntaxErrorIsRefusedNamingFileAndLineAndNothingIsStored() throws Exception {
        String id = Bundle.newId();
        Bundle broken = Bundle.of("textfiles-v1").id(id).replace("src/textfiles/sync.py",
                "def sync_files(connection, source_directory, exclude_paths=None):",
                "def sync_files(connection, source_directory, exclude_paths=None)");
        Api.install(broken).statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_BUNDLE"))
                .body("errors[0].field", equalTo("src/textfiles/sync.py:4"))
                .body("errors[0].message", containsString("syntax error"))
                .body("context.file", equalTo("src/textfiles/sync.py"))
                .body("context.line", equalTo(4));
        given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + id).then().statusCode(404);
        assertThat(count("select count(*) from plugin_version where plugin_id = '" + id + "'")).isZero();
    }

    @Test
    void python2CodeIsASyntaxErrorNamingTheLine() {
        Bundle py2 = Bundle.of("manualport-v1").id(Bundle.newId()).with("src/vdb_plugin.py", """
                from dlpx.virtualization.platform import Plugin

                plugin = Plugin()
                print "loaded"
                """);
        Api.install(py2).statusCode(422).body("errors[0].field", equalTo("src/vdb_plugin.py:4"));
    }

    @Test
    void aLanguageTheServiceCannotRunIsRefusedClearly() {
        Api.install(Bundle.of("manualport-v1").id(Bundle.newId()).configLine("language", "PYTHON27")).statusCode(422)
                .body("code", equalTo("UNSUPPORTED_LANGUAGE"))
                .body("errors[0].field", equalTo("plugin_config.yml:12"))
                .body("detail", containsString("Python 2 plugins cannot run here"));
    }

    @Test
    void aPython2PluginIsRefusedNamingEachFileAndLineOfItsPython2Code_thenItsLanguageLine() {
        Api.install(Bundle.of("python2-v1").id(Bundle.newId())).statusCode(422)
                .body("code", equalTo("UNSUPPORTED_LANGUAGE"))
                .body("errors.field", equalTo(java.util.List.of("src/helpers/legacy.py:7", "src/plugin_runner.py:7",
                        "plugin_config.yml:5")))
                .body("errors[1].message", containsString("Missing parentheses in call to 'print'"))
                .body("errors[2].message", containsString("Python 2 plugins cannot run here"))
                .body("context.file", equalTo("src/helpers/legacy.py"))
                .body("context.line", equalTo(7));
    }

    @Test
    void aDecoratorTheSdkDoesNotHaveIsRefusedAtItsLine() {
        Bundle bundle = Bundle.of("manualport-v1").id(Bundle.newId()).with("src/vdb_plugin.py", """
                from dlpx.virtualization.platform import Plugin

                plugin = Plugin()


                @plugin.linked.snapshot_all()
                def everything(staged_source):
                    pass
                """);
        Api.install(bundle).statusCode(422).body("code", equalTo("INVALID_BUNDLE"))
                .body("errors[0].field", equalTo("src/vdb_plugin.py:6"))
                .body("errors[0].message", containsString("AttributeError"))
                .body("errors[0].message", containsString("snapshot_all"));
    }

    @Test
    void anOperationDefinedTwiceIsRefusedAtItsLine() {
        Bundle bundle = Bundle.of("manualport-v1").id(Bundle.newId()).with("src/vdb_plugin.py", """
                from dlpx.virtualization.platform import Plugin

                plugin = Plugin()


                @plugin.virtual.status()
                def status(virtual_source, repository, source_config):
                    pass


                @plugin.virtual.status()
                def status_again(virtual_source, repository, source_config):
                    pass
                """);
        Api.install(bundle).statusCode(422)
                .body("errors[0].field", equalTo("src/vdb_plugin.py:11"))
                .body("errors[0].message", containsString("OperationAlreadyDefinedError: virtual.status() has already "
                        + "been defined"));
    }

    @Test
    void aGeneratedObjectBuiltAtImportWithoutARequiredPropertyIsRefusedAtItsLine() {
        Bundle bundle = Bundle.of("textfiles-v2").id(Bundle.newId()).with("src/textfiles/defaults.py", """
                from generated.definitions import SourceConfigDefinition

                DEFAULT = SourceConfigDefinition()
                """).replace("src/plugin_runner.py", "import logging", "import logging\nimport textfiles.defaults");
        Api.install(bundle).statusCode(422)
                .body("errors[0].field", equalTo("src/textfiles/defaults.py:3"))
                .body("errors[0].message", containsString("GeneratedClassesError: The required parameter 'path' must "
                        + "not be 'None'."));
    }

    @Test
    void anEntryPointObjectThatDoesNotExistIsRefusedAtItsConfigLine() {
        Api.install(Bundle.of("manualport-v1").id(Bundle.newId()).configLine("entryPoint", "vdb_plugin:the_plugin"))
                .statusCode(422)
                .body("errors[0].field", equalTo("plugin_config.yml:8"))
                .body("errors[0].message", containsString("module vdb_plugin has no attribute the_plugin"));
    }

    @Test
    void anEntryPointThatIsNotAPluginIsRefused() {
        Bundle bundle = Bundle.of("manualport-v1").id(Bundle.newId())
                .replace("src/vdb_plugin.py", "plugin = Plugin()", "plugin = Plugin()\nnot_a_plugin = 42");
        Api.install(bundle.configLine("entryPoint", "vdb_plugin:not_a_plugin")).statusCode(422)
                .body("errors[0].message", containsString("not_a_plugin is a int, not a dlpx.virtualization.platform.Plugin"));
    }

    @Test
    void anImportThatFailsIsRefusedAtTheLineThatFailed() {
        Bundle bundle = Bundle.of("manualport-v1").id(Bundle.newId())
                .replace("src/vdb_plugin.py", "plugin = Plugin()", "import requests\nplugin = Plugin()");
        Api.install(bundle).statusCode(422)
                .body("errors[0].field", equalTo("src/vdb_plugin.py:3"))
                .body("errors[0].message", containsString("ModuleNotFoundError: No module named 'requests'"));
    }

    @Test
    void aBadMigrationIdIsRefusedAtItsDecorator() {
        Bundle bundle = Bundle.of("manualport-v2").id(Bundle.newId())
                .replace("src/vdb_plugin.py", "@plugin.upgrade.virtual_source(\"2019.11.20\")",
                        "@plugin.upgrade.virtual_source(\"2019.11.x\")");
        Api.install(bundle).statusCode(422)
                .body("code", equalTo("INVALID_MIGRATION_ID"))
                .body("errors[0].field", equalTo("src/vdb_plugin.py:29"))
                .body("errors[0].message", containsString("migration id \"2019.11.x\" may contain only digits and periods"));
    }

    @Test
    void aDuplicateMigrationIdAcrossTypesIsRefusedWithBothSpellings() {
        Bundle bundle = Bundle.of("manualport-v2").id(Bundle.newId()).replace("src/vdb_plugin.py",
                "@plugin.upgrade.virtual_source(\"2019.11.20\")", """
                @plugin.upgrade.snapshot("2019.11.20.0")
                def noop(old):
                    return old


                @plugin.upgrade.virtual_source("2019.11.20")""");
        Api.install(bundle).statusCode(422)
                .body("code", equalTo("DUPLICATE_MIGRATION_ID"))
                .body("detail", containsString("\"2019.11.20\""))
                .body("detail", containsString("\"2019.11.20.0\""))
                .body("detail", containsString("snapshot migration 2019.11.20.0 (noop, src/vdb_plugin.py line 29)"));
    }

    @Test
    void somethingThatIsNotABundleIsA422AndNotA500() {
        given().auth().oauth2(Api.ADMIN).contentType("application/zip").body("hello".getBytes())
                .post("/api/v1/plugins").then().statusCode(422).body("code", equalTo("INVALID_BUNDLE"));
        given().auth().oauth2(Api.ADMIN).contentType("application/json").body("{}")
                .post("/api/v1/plugins").then().statusCode(415);
    }

    @Test
    void installingNeedsPluginAdminAndReadingNeedsViewer() {
        given().contentType("application/zip").body(Bundle.of("manualport-v1").zip())
                .post("/api/v1/plugins").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.forRoles("operator")).contentType("application/zip")
                .body(Bundle.of("manualport-v1").zip())
                .post("/api/v1/plugins").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.forRoles("agent")).get("/api/v1/plugins").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRoles("viewer")).get("/api/v1/plugins").then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/plugins").then().statusCode(200);
    }

    @Test
    void anUnknownPluginIs404() {
        given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + Bundle.newId())
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + Bundle.newId() + "/versions").then().statusCode(404);
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
