package io.timeflow.plugin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.timeflow.testing.TestTokens;
import java.time.Duration;
import java.util.List;

/** The calls tests make again and again, as a client of the API would make them. */
public final class Api {

    public static final String ADMIN = TestTokens.forRoles("plugin-admin");
    public static final String VIEWER = TestTokens.forRoles("viewer");

    private Api() {
    }

    public static ValidatableResponse install(Bundle bundle) {
        return given().auth().oauth2(ADMIN).contentType("application/zip").body(bundle.zip())
                .when().post("/api/v1/plugins").then();
    }

    /** Installs and returns the plugin id; fails the test unless 201. */
    public static String installed(Bundle bundle) {
        return install(bundle).statusCode(201).extract().path("id");
    }

    public static ValidatableResponse createObject(String pluginId, String type, String dataJson) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"type\": \"" + type + "\", \"data\": " + dataJson + "}")
                .when().post("/api/v1/plugins/" + pluginId + "/objects").then();
    }

    public static String object(String pluginId, String type, String dataJson) {
        return createObject(pluginId, type, dataJson).statusCode(201).extract().path("id");
    }

    public static JsonPath getObject(String pluginId, String objectId) {
        return given().auth().oauth2(VIEWER).when().get("/api/v1/plugins/" + pluginId + "/objects/" + objectId)
                .then().statusCode(200).extract().jsonPath();
    }

    public static ValidatableResponse requestUpgrade(String pluginId, Bundle bundle, boolean dryRun) {
        return given().auth().oauth2(ADMIN).contentType("application/zip").body(bundle.zip())
                .queryParam("dryRun", dryRun)
                .when().post("/api/v1/plugins/" + pluginId + "/upgrades").then();
    }

    /** Requests an upgrade, expects 202, returns the upgrade id. */
    public static String upgrade(String pluginId, Bundle bundle, boolean dryRun) {
        return requestUpgrade(pluginId, bundle, dryRun).statusCode(202).extract().path("id");
    }

    public static JsonPath getUpgrade(String pluginId, String upgradeId) {
        return given().auth().oauth2(VIEWER).when().get("/api/v1/plugins/" + pluginId + "/upgrades/" + upgradeId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits for the upgrade to end (SUCCEEDED or FAILED) and returns it. */
    public static JsonPath finished(String pluginId, String upgradeId) {
        return finished(pluginId, upgradeId, Duration.ofMinutes(5));
    }

    public static JsonPath finished(String pluginId, String upgradeId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() ->
                List.of("SUCCEEDED", "FAILED").contains(getUpgrade(pluginId, upgradeId).getString("state")));
        return getUpgrade(pluginId, upgradeId);
    }

    /** Runs an upgrade to its end and returns it. */
    public static JsonPath upgraded(String pluginId, Bundle bundle, boolean dryRun) {
        return finished(pluginId, upgrade(pluginId, bundle, dryRun));
    }

    public static JsonPath report(String pluginId, String upgradeId, String outcome) {
        var request = given().auth().oauth2(VIEWER).queryParam("limit", 500);
        if (outcome != null) {
            request = request.queryParam("outcome", outcome);
        }
        return request.when().get("/api/v1/plugins/" + pluginId + "/upgrades/" + upgradeId + "/objects")
                .then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath plugin(String pluginId) {
        return given().auth().oauth2(VIEWER).when().get("/api/v1/plugins/" + pluginId)
                .then().statusCode(200).extract().jsonPath();
    }
}
