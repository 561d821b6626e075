package io.timeflow.staging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Audit: every change of a dSource or an environment is in the resource's history with who made it
 * (subject, role, token id or API key id) and when, written with the change's event (ADR 0061).
 */
@QuarkusTest
class ChangeHistoryApiTest {

    @Test
    void aDSourcesHistoryNamesWhoMadeEachChangeAndWithWhichCredential() {
        Api.DS ds = Api.link("RESTORING");
        Api.admin().body("{\"notes\": \"moved to the new share\"}").patch("/api/v1/dsources/" + ds.id())
                .then().statusCode(200);
        var key = Api.admin().body("{\"name\": \"hook-history\", \"role\": \"agent\"}").post("/api/v1/api-keys")
                .then().statusCode(201).extract();
        String keyId = key.path("id");
        given().header("X-API-Key", key.<String>path("key")).contentType(ContentType.JSON)
                .body(Api.full("34000000016800037", "34000000021600001", "34000000016800037"))
                .post("/api/v1/dsources/" + ds.id() + "/restores").then().statusCode(201);

        JsonPath history = Api.as("viewer").get("/api/v1/dsources/" + ds.id() + "/history").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> items = history.getList("items");
        assertThat(items).extracting(i -> i.get("action"))
                .containsSubsequence("dsource.linked", "dsource.updated", "restore.started");
        Map<String, Object> linked = items.get(0);
        assertThat(linked).containsEntry("actor", "admin-user").containsEntry("role", "admin");
        assertThat((String) linked.get("credentialId")).isNotBlank();
        assertThat(linked.get("eventType")).isEqualTo("io.timeflow.staging.dsource.linked.v1");
        Map<String, Object> restore = items.stream().filter(i -> i.get("action").equals("restore.started")).findFirst()
                .orElseThrow();
        assertThat(restore).containsEntry("actor", "api-key:hook-history").containsEntry("role", "agent")
                .containsEntry("credentialId", keyId);
        assertThat(history.getLong("total")).isEqualTo(items.size());
    }

    @Test
    void anEnvironmentsHistoryHasItsRegistrationAndRepositories() {
        Api.Env env = Api.environment("WINDOWS");
        List<String> actions = Api.as("viewer").get("/api/v1/environments/" + env.id() + "/history").then()
                .statusCode(200).extract().jsonPath().getList("items.action");
        assertThat(actions).containsExactly("environment.registered", "repository.added");
    }

    @Test
    void theHistoryOfNoResourceIsNotFound() {
        Api.as("viewer").get("/api/v1/dsources/" + UUID.randomUUID() + "/history").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }
}
