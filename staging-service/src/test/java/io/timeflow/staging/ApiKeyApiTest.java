package io.timeflow.staging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.staging.ApiKeyCreated;
import io.timeflow.events.staging.ApiKeyRevoked;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * API keys for automation (ADR 0060): created by an administrator and shown once, stored and
 * published only as a digest, accepted as a bearer token or an X-API-Key header with the key's role,
 * named as the credential of what they change, and refused at once when revoked.
 */
@QuarkusTest
class ApiKeyApiTest {

    /**
     * Cancels the session whose write of a key's last use waits on a lock (the key's own event, coming back to this
     * service, may wait beside it: only the call's write is cancelled here).
     */
    private static final String LAST_USE_WAITING = "select pg_cancel_backend(pid) from pg_stat_activity "
            + "where wait_event_type = 'Lock' and query like 'update api_key set last_used_at%'";

    @Inject
    AgroalDataSource db;

    record Created(String id, String key) {
    }

    static Created create(String name, String role) {
        var response = Api.admin().body("{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201)
                .body("role", equalTo(role))
                .body("createdBy", equalTo("admin-user"))
                .body("key", startsWith("tfk_"))
                .extract();
        return new Created(response.path("id"), response.path("key"));
    }

    @Test
    void aKeyIsShownOnceAndStoredAndPublishedOnlyAsADigest() {
        Created key = create("hook-" + UUID.randomUUID(), "agent");

        Api.admin().get("/api/v1/api-keys/" + key.id()).then().statusCode(200).body("key", nullValue());
        String listing = Api.admin().get("/api/v1/api-keys?limit=500").then().statusCode(200)
                .body("items.id", hasItem(key.id())).extract().asString();
        assertThat(listing).doesNotContain(key.key());

        String secret = key.key().substring(key.key().lastIndexOf('_') + 1);
        assertThat(Api.count(db, "select count(*) from api_key where key_id = ?::uuid", key.id())).isEqualTo(1);
        assertThat(Api.count(db, "select count(*) from api_key where key_id = ?::uuid and digest ~ '^[0-9a-f]{64}$' "
                + "and position(? in digest) = 0", key.id(), secret)).isEqualTo(1);

        TopicProbe.Seen seen = Api.seen(key.id(), "io.timeflow.staging.api-key.created.v1");
        assertThat(seen.value()).doesNotContain(secret);
        ApiKeyCreated created = io.timeflow.events.EventJson.read(seen.value(), ApiKeyCreated.class);
        assertThat(created.digest()).matches("[0-9a-f]{64}");
        assertThat(Api.count(db, "select count(*) from api_key where key_id = ?::uuid and digest = ?", key.id(),
                created.digest())).isEqualTo(1);
        assertThat(seen.headers()).containsEntry(CloudEventHeaders.ACTOR, "admin-user");
    }

    @Test
    void aKeyAuthenticatesWithItsRoleAsBearerTokenOrXApiKeyHeader() {
        Created key = create("hook-" + UUID.randomUUID(), "agent");
        Api.DS ds = Api.link("RESTORING");

        given().auth().oauth2(key.key()).get("/api/v1/dsources/" + ds.id() + "/hooks").then().statusCode(200);
        given().header("X-API-Key", key.key()).get("/api/v1/dsources/" + ds.id() + "/hooks").then().statusCode(200);
        // agent is all it holds: listing dSources needs viewer
        given().auth().oauth2(key.key()).get("/api/v1/dsources").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        Api.admin().get("/api/v1/api-keys/" + key.id()).then().statusCode(200)
                .body("lastUsedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void whatAKeyChangesNamesTheKeyAsItsCredential() {
        Created key = create("hook-" + UUID.randomUUID(), "agent");
        Api.DS ds = Api.link("RESTORING");

        String restoreId = given().auth().oauth2(key.key()).contentType(ContentType.JSON)
                .body(Api.full("34000000016800037", "34000000021600001", "34000000016800037"))
                .post("/api/v1/dsources/" + ds.id() + "/restores").then().statusCode(201).extract().path("id");

        TopicProbe.Seen started = Api.seen(ds.id(), "io.timeflow.staging.restore.started.v1", "restoreId", restoreId);
        assertThat(started.headers())
                .containsEntry(CloudEventHeaders.ACTOR_CREDENTIAL, key.id())
                .containsEntry(CloudEventHeaders.ACTOR_ROLE, "agent")
                .containsEntry(CloudEventHeaders.ACTOR, "api-key:" + created(key).name());
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        Created key = create("backup-script-" + UUID.randomUUID(), "viewer");
        given().auth().oauth2(key.key()).get("/api/v1/environments").then().statusCode(200);

        Api.admin().delete("/api/v1/api-keys/" + key.id()).then().statusCode(200)
                .body("revokedAt", org.hamcrest.Matchers.notNullValue());

        // the very next call, with no wait: the issuing service refuses it
        given().auth().oauth2(key.key()).get("/api/v1/environments").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().header("X-API-Key", key.key()).get("/api/v1/environments").then().statusCode(401);
        ApiKeyRevoked revoked = Api.event(key.id(), "io.timeflow.staging.api-key.revoked.v1", ApiKeyRevoked.class);
        assertThat(revoked.keyId()).isEqualTo(key.id());
        // revoking again changes nothing and publishes nothing more
        Api.admin().delete("/api/v1/api-keys/" + key.id()).then().statusCode(200);
        assertThat(Api.count(db, "select count(*) from outbox where aggregate_id = ? and event_type like '%revoked%'",
                key.id())).isLessThanOrEqualTo(1);
    }

    @Test
    void aKeyWhoseLastUseCannotBeWrittenStillAuthenticates() throws Exception {
        // a restore's swap holds the table under an EXCLUSIVE lock and cancels the sessions queued behind it
        // (ADR 0042): the key's first use then cannot write its last-use time, and the call must go on regardless
        Created key = create("hook-" + UUID.randomUUID(), "viewer");
        try (Connection swap = db.getConnection()) {
            swap.setAutoCommit(false);
            try (Statement lock = swap.createStatement()) {
                lock.execute("lock table api_key in exclusive mode");
            }
            CompletableFuture<Integer> call = CompletableFuture.supplyAsync(
                    () -> given().auth().oauth2(key.key()).get("/api/v1/environments").then().extract().statusCode());
            long waiting = 0;
            for (int i = 0; i < 200 && waiting == 0; i++) {
                Thread.sleep(50);
                waiting = Api.count(db, LAST_USE_WAITING.replace("pg_cancel_backend(pid)", "count(*)"));
            }
            assertThat(waiting).as("the call's write of its last use waits behind the lock").isEqualTo(1);
            try (Statement cancel = swap.createStatement()) {
                cancel.execute(LAST_USE_WAITING);
            }
            assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            swap.rollback();
        }
        given().auth().oauth2(key.key()).get("/api/v1/environments").then().statusCode(200);
        Api.admin().get("/api/v1/api-keys/" + key.id()).then().statusCode(200)
                .body("lastUsedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aWrongSecretOrAnUnknownKeyIsRefused() {
        Created key = create("hook-" + UUID.randomUUID(), "viewer");
        String wrongSecret = key.key().substring(0, key.key().lastIndexOf('_') + 1) + "A".repeat(43);
        given().auth().oauth2(wrongSecret).get("/api/v1/environments").then().statusCode(401);
        String unknown = "tfk_" + UUID.randomUUID().toString().replace("-", "") + key.key().substring(key.key().lastIndexOf('_'));
        given().auth().oauth2(unknown).get("/api/v1/environments").then().statusCode(401);
        given().header("X-API-Key", "tfk_short").get("/api/v1/environments").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anAdminKeyOrAnUnknownRoleIsRefusedNamingTheFieldAndNothingIsWritten() {
        long before = Api.count(db, "select count(*) from api_key");
        for (String role : new String[] {"admin", "root"}) {
            Api.admin().body("{\"name\": \"k\", \"role\": \"" + role + "\"}").post("/api/v1/api-keys").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_FAILED")).body("errors.field", hasItem("role"));
        }
        Api.admin().body("{\"name\": \"has space\", \"role\": \"agent\"}").post("/api/v1/api-keys").then()
                .statusCode(400).body("errors.field", hasItem("name"));
        assertThat(Api.count(db, "select count(*) from api_key")).isEqualTo(before);
    }

    private ApiKeyCreated created(Created key) {
        return Api.event(key.id(), "io.timeflow.staging.api-key.created.v1", ApiKeyCreated.class);
    }
}
