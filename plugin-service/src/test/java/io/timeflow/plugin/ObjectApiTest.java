package io.timeflow.plugin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.timeflow.testing.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The five object types, validated against the installed schema; sensitive values encrypted at rest
 * and never returned; refusals that name field and rule and never echo a value.
 */
@QuarkusTest
class ObjectApiTest {

    static final String SECRET = "hunter2-is-the-password";

    @Inject
    AgroalDataSource db;

    static String plugin;

    @BeforeEach
    void install() {
        if (plugin == null) {
            plugin = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        }
    }

    @Test
    void eachOfTheFiveTypesIsCreatedReadListedUpdatedAndDeleted() {
        Map<String, String> data = Map.of(
                "REPOSITORY", "{\"name\": \"main\"}",
                "SOURCE_CONFIG", "{\"name\": \"orders\"}",
                "LINKED_SOURCE", "{\"trace\": [\"a\"]}",
                "VIRTUAL_SOURCE", "{\"name\": \"vdb\", \"port\": 5432}",
                "SNAPSHOT", "{\"lsn\": \"0/16B3748\"}");
        for (Map.Entry<String, String> e : data.entrySet()) {
            String id = Api.createObject(plugin, e.getKey(), e.getValue()).statusCode(201)
                    .header("Location", containsString("/objects/"))
                    .body("type", equalTo(e.getKey()))
                    .body("pluginId", equalTo(plugin))
                    .body("version", equalTo(0))
                    .extract().path("id");
            given().auth().oauth2(Api.VIEWER).queryParam("type", e.getKey()).queryParam("limit", 500)
                    .get("/api/v1/plugins/" + plugin + "/objects")
                    .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(id))
                    .body("items.type", org.hamcrest.Matchers.everyItem(equalTo(e.getKey())));
            given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON).body("{\"data\": {}}")
                    .put("/api/v1/plugins/" + plugin + "/objects/" + id)
                    .then().statusCode(e.getKey().equals("REPOSITORY") ? 400 : 200);
            given().auth().oauth2(Api.ADMIN).delete("/api/v1/plugins/" + plugin + "/objects/" + id)
                    .then().statusCode(204);
            given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/objects/" + id)
                    .then().statusCode(404);
        }
    }

    @Test
    void repositoriesAreNamedByTheirSchemasNameField() {
        Api.createObject(plugin, "REPOSITORY", "{\"name\": \"main-repo\"}").statusCode(201).body("name", equalTo("main-repo"));
    }

    @Test
    void sensitiveValuesAreEncryptedAtRestAndNeverComeBack() throws Exception {
        String id = Api.createObject(plugin, "REPOSITORY",
                        "{\"name\": \"main\", \"user\": \"scott\", \"password\": \"" + SECRET + "\"}")
                .statusCode(201)
                .body("data.user", equalTo("scott"))
                .body("data", not(org.hamcrest.Matchers.hasKey("password")))
                .body("sensitiveFields", equalTo(List.of("/password")))
                .body(not(containsString(SECRET)))
                .extract().path("id");
        String stored = stored(id);
        assertThat(stored).contains("tfenc:v1:").contains("scott").doesNotContain(SECRET);
        given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/objects/" + id)
                .then().statusCode(200).body(not(containsString(SECRET))).body("data.name", equalTo("main"));
        given().auth().oauth2(Api.VIEWER).queryParam("limit", 500).get("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(200).body(not(containsString(SECRET))).body(not(containsString("tfenc")));
    }

    @Test
    void sensitiveValuesAreWriteOnly_anUpdateThatLeavesThemOutKeepsThem() throws Exception {
        String id = Api.object(plugin, "REPOSITORY",
                "{\"name\": \"main\", \"user\": \"scott\", \"password\": \"" + SECRET + "\"}");
        String sealedBefore = stored(id);
        JsonPath updated = given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON)
                .body("{\"data\": {\"name\": \"main\", \"user\": \"tiger\"}}")
                .put("/api/v1/plugins/" + plugin + "/objects/" + id)
                .then().statusCode(200).body("version", equalTo(1)).extract().jsonPath();
        assertThat(updated.getList("sensitiveFields")).containsExactly("/password");
        assertThat(stored(id)).contains("tiger").contains("tfenc:v1:").doesNotContain(SECRET);
        // a new value replaces it
        given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON)
                .body("{\"data\": {\"name\": \"main\", \"password\": \"another-one\"}}")
                .put("/api/v1/plugins/" + plugin + "/objects/" + id).then().statusCode(200);
        assertThat(stored(id)).doesNotContain("another-one").isNotEqualTo(sealedBefore);
    }

    @Test
    void dataThatBreaksTheSchemaIsA400NamingFieldAndRuleWithoutTheValueAndNothingIsWritten() throws Exception {
        long before = count();
        given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON)
                .body("{\"type\": \"VIRTUAL_SOURCE\", \"data\": {\"name\": \"vdb\", \"port\": -77123}}")
                .post("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("data/port"))
                .body("errors[0].message", equalTo("must be >= 1 (rule minimum)"))
                .body(not(containsString("77123")));
        given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON)
                .body("{\"type\": \"REPOSITORY\", \"data\": {\"password\": \"" + SECRET + "\"}}")
                .post("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("data/name"))
                .body("errors[0].message", equalTo("is required (rule required)"))
                .body(not(containsString(SECRET)));
        given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON)
                .body("{\"type\": \"REPOSITORY\", \"data\": {\"name\": \"x\", \"password\": 12345678}}")
                .post("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("must be of type string (rule type)"))
                .body(not(containsString("12345678")));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void badRequestsAre400sNotServerErrors() {
        given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON).body("{\"type\": \"DATABASE\", \"data\": {}}")
                .post("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON).body("{\"type\": \"SNAPSHOT\"}")
                .post("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("data"));
        given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON).body("{\"type\": \"SNAPSHOT\", \"data\": {}, \"x\": 1}")
                .post("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(400).body("errors[0].field", equalTo("x"));
        given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON).body("{\"type\": \"SNAPSHOT\", \"data\": [1]}")
                .post("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(400).body("errors[0].field", equalTo("data"));
        given().auth().oauth2(Api.VIEWER).queryParam("type", "NOPE").get("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/objects/not-a-uuid")
                .then().statusCode(404);
    }

    @Test
    void unknownPluginsAndObjectsAre404() {
        Api.createObject(Bundle.newId(), "SNAPSHOT", "{}").statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/objects/" + UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(Api.ADMIN).delete("/api/v1/plugins/" + plugin + "/objects/" + UUID.randomUUID())
                .then().statusCode(404);
        // an object of another plugin is not found through this one
        String other = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        String foreign = Api.object(other, "SNAPSHOT", "{}");
        given().auth().oauth2(Api.VIEWER).get("/api/v1/plugins/" + plugin + "/objects/" + foreign).then().statusCode(404);
    }

    @Test
    void writingNeedsPluginAdminAndReadingNeedsViewer() {
        given().auth().oauth2(TestTokens.forRoles("operator")).contentType(ContentType.JSON)
                .body("{\"type\": \"SNAPSHOT\", \"data\": {}}")
                .post("/api/v1/plugins/" + plugin + "/objects").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRoles("viewer")).delete("/api/v1/plugins/" + plugin + "/objects/"
                + UUID.randomUUID()).then().statusCode(403);
        given().auth().oauth2(TestTokens.forRoles("agent")).get("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(403);
        given().get("/api/v1/plugins/" + plugin + "/objects").then().statusCode(401);
        given().auth().oauth2(TestTokens.forRoles("operator")).get("/api/v1/plugins/" + plugin + "/objects")
                .then().statusCode(200);
    }

    private String stored(String id) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select data::text from plugin_object where id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private long count() throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from plugin_object where plugin_id = ?")) {
            ps.setString(1, plugin);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
