package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Audit of changes no event announces (ADR 0061): a sync policy's history names who created,
 * changed and deleted it, with the role and token id, and stays readable after the deletion.
 */
@QuarkusTest
class SyncPolicyHistoryTest {

    @Test
    void aSyncPolicysHistoryNamesWhoChangedItAndOutlivesIt() {
        String name = "audited-" + UUID.randomUUID();
        String id = Api.as("admin").body(SyncPolicyApiTest.policy(name, SyncPolicyApiTest.NEVER, 3, null))
                .post("/api/v1/sync-policies").then().statusCode(201).extract().path("id");
        Api.as("admin").body(SyncPolicyApiTest.policy(name, SyncPolicyApiTest.NEVER, 5, null))
                .put("/api/v1/sync-policies/" + id).then().statusCode(200);
        Api.as("admin").delete("/api/v1/sync-policies/" + id).then().statusCode(204);

        JsonPath history = Api.as("viewer").get("/api/v1/sync-policies/" + id + "/history").then().statusCode(200)
                .extract().jsonPath();
        assertThat(history.getList("items.action", String.class))
                .containsExactly("sync-policy.created", "sync-policy.updated", "sync-policy.deleted");
        assertThat(history.getList("items.actor", String.class)).containsOnly("admin-user");
        assertThat(history.getList("items.role", String.class)).containsOnly("admin");
        assertThat(history.getList("items.credentialId", String.class)).doesNotContainNull();

        Api.as("viewer").get("/api/v1/sync-policies/" + UUID.randomUUID() + "/history").then().statusCode(404);
    }
}
