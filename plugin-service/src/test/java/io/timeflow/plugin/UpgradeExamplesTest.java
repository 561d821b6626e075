package io.timeflow.plugin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The three worked examples of the plugin upgrade rules, each an SDK-style plugin in the test resources loaded unchanged,
 * installed at its first version, given objects, and upgraded to its second version.
 */
@QuarkusTest
class UpgradeExamplesTest {

    @Test
    void skipHiddenAndBackup_theNewRequiredBooleanIsAddedToEveryExistingLinkedSource() {
        String plugin = Bundle.newId();
        Api.installed(Bundle.of("textfiles-v1").id(plugin));
        String linked1 = Api.object(plugin, "LINKED_SOURCE", "{}");
        String linked2 = Api.object(plugin, "LINKED_SOURCE", "{}");
        String repository = Api.object(plugin, "REPOSITORY", "{\"name\": \"Text files\"}");
        // the new version's schema requires skipHiddenAndBackup: without a migration old objects would break it
        Api.createObject(plugin, "LINKED_SOURCE", "{\"skipHiddenAndBackup\": true}").statusCode(400);

        JsonPath upgrade = Api.upgraded(plugin, Bundle.of("textfiles-v2").id(plugin), false);

        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(upgrade.getLong("objectsTotal")).isEqualTo(3);
        assertThat(upgrade.getLong("objectsMigrated")).isEqualTo(3);
        assertThat(upgrade.getList("migrations.id")).containsExactly("2019.11.20");
        assertThat(Api.getObject(plugin, linked1).getMap("data")).isEqualTo(Map.of("skipHiddenAndBackup", false));
        assertThat(Api.getObject(plugin, linked2).getMap("data")).isEqualTo(Map.of("skipHiddenAndBackup", false));
        assertThat(Api.getObject(plugin, repository).getMap("data")).isEqualTo(Map.of("name", "Text files"));
        JsonPath after = Api.plugin(plugin);
        assertThat(after.getString("version")).isEqualTo("1.1.0");
        assertThat(after.getString("buildNumber")).isEqualTo("1.1.0");
        assertThat(after.getString("state")).isEqualTo("ACTIVE");
        assertThat(after.getList("migrationIds")).containsExactly("2019.11.20");
        // and the new schema now holds for new objects
        Api.createObject(plugin, "LINKED_SOURCE", "{\"skipHiddenAndBackup\": true}").statusCode(201);
    }

    @Test
    void installationPathRediscovery_repositoriesGetTheSentinelAndAreListedAsNeedingRediscovery() {
        String plugin = Bundle.newId();
        Api.installed(Bundle.of("rediscovery-v1").id(plugin));
        String main = Api.object(plugin, "REPOSITORY", "{\"name\": \"main\"}");
        String replica = Api.object(plugin, "REPOSITORY", "{\"name\": \"replica\"}");
        String config = Api.object(plugin, "SOURCE_CONFIG", "{\"databaseName\": \"orders\"}");
        given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/sentinels")
                .then().statusCode(200).extract().jsonPath().getList("items").isEmpty();

        JsonPath upgrade = Api.upgraded(plugin, Bundle.of("rediscovery-v2").id(plugin), false);

        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        for (String repo : List.of(main, replica)) {
            JsonPath object = Api.getObject(plugin, repo);
            assertThat(object.getString("data.installationPath")).isEqualTo("###_REDISCOVERY_REQUIRED_###");
            assertThat(object.getList("sentinelFields")).containsExactly("/installationPath");
        }
        assertThat(Api.getObject(plugin, config).getList("sentinelFields")).isEmpty();
        JsonPath sentinels = given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/sentinels")
                .then().statusCode(200).extract().jsonPath();
        assertThat(sentinels.getList("items.id")).containsExactlyInAnyOrder(main, replica);
        assertThat(sentinels.getInt("total")).isEqualTo(2);
        assertThat(sentinels.getList("items.name")).containsExactlyInAnyOrder("main", "replica");
        // once rediscovered (the real path written), the repository is no longer listed
        given().auth().oauth2(Api.ADMIN).contentType("application/json")
                .body("{\"data\": {\"name\": \"main\", \"installationPath\": \"/usr/lib/postgresql/17/bin\"}}")
                .put("/api/v1/plugins/" + plugin + "/objects/" + main).then().statusCode(200);
        assertThat(given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/sentinels")
                .then().statusCode(200).extract().jsonPath().getList("items.id")).containsExactly(replica);
    }

    @Test
    void installationPathRediscovery_theIdealUnixpathSchemaWouldRefuseTheSentinel() {
        // the example relaxes the schema (no unixpath format) precisely because the sentinel is not a path
        String plugin = Bundle.newId();
        Api.installed(Bundle.of("rediscovery-v1").id(plugin));
        String main = Api.object(plugin, "REPOSITORY", "{\"name\": \"main\"}");
        Bundle ideal = Bundle.of("rediscovery-v2").id(plugin).replace("schema.json",
                "\"installationPath\": { \"type\": \"string\", \"sentinels\": [\"###_REDISCOVERY_REQUIRED_###\"] }",
                "\"installationPath\": { \"type\": \"string\", \"format\": \"unixpath\" }");

        JsonPath upgrade = Api.upgraded(plugin, ideal, false);

        assertThat(upgrade.getString("state")).isEqualTo("FAILED");
        assertThat(upgrade.getString("error.code")).isEqualTo("SCHEMA_VALIDATION_FAILED");
        assertThat(upgrade.getString("error.message"))
                .contains("repository " + main)
                .contains("after migration 2019.12.15")
                .contains("/installationPath must be a valid unixpath (rule format)");
        assertThat(Api.getObject(plugin, main).getMap("data")).isEqualTo(Map.of("name", "main"));
    }

    @Test
    void portZeroForUserInput_virtualSourcesGetPortZeroAndAreListedForTheUserToChooseAPort() {
        String plugin = Bundle.newId();
        Api.installed(Bundle.of("manualport-v1").id(plugin));
        String vdb = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"vdb01\"}");

        JsonPath upgrade = Api.upgraded(plugin, Bundle.of("manualport-v2").id(plugin), false);

        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        JsonPath object = Api.getObject(plugin, vdb);
        assertThat(object.getMap("data")).isEqualTo(Map.of("name", "vdb01", "port", 0));
        assertThat(object.getList("sentinelFields")).containsExactly("/port");
        assertThat(given().auth().oauth2(Api.VIEWER).queryParam("type", "VIRTUAL_SOURCE")
                .get("/api/v1/plugins/" + plugin + "/sentinels").then().statusCode(200).extract().jsonPath()
                .getList("items.id")).containsExactly(vdb);
        // the migration's temporary debug logging is kept with the upgrade's report
        assertThat(upgrade.getString("output")).contains("DEBUG vdb_plugin: Migration 2019.11.20 returning");
    }

    @Test
    void portZeroForUserInput_theIdealSchemaWithMinimum1024WouldRefusePortZero() {
        String plugin = Bundle.newId();
        Api.installed(Bundle.of("manualport-v1").id(plugin));
        String vdb = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"vdb01\"}");
        Bundle ideal = Bundle.of("manualport-v2").id(plugin).replace("schema.json",
                "\"minimum\": 0, \"maximum\": 65535, \"sentinels\": [0]", "\"minimum\": 1024, \"maximum\": 65535");

        JsonPath upgrade = Api.upgraded(plugin, ideal, false);

        assertThat(upgrade.getString("state")).isEqualTo("FAILED");
        assertThat(upgrade.getString("error.message"))
                .contains("virtual source " + vdb)
                .contains("/port must be >= 1024 (rule minimum)");
        assertThat(Api.getObject(plugin, vdb).getMap("data")).isEqualTo(Map.of("name", "vdb01"));
    }
}
