package io.timeflow.staging;

import static io.timeflow.staging.Api.admin;
import static io.timeflow.staging.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventJson;
import io.timeflow.events.TimeflowEvent;
import io.timeflow.events.snapshot.VdbDeleted;
import io.timeflow.events.snapshot.VdbProvisioned;
import io.timeflow.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A dSource whose snapshots VDBs depend on is not deleted (409 naming the VDBs); staging-service
 * learns of VDBs from snapshot-service's events on {@code timeflow.snapshot.v1}.
 */
@QuarkusTest
class VdbDependantsTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    static void publish(String type, String key, TimeflowEvent event) {
        TopicProbe.send("timeflow.snapshot.v1", key, Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SOURCE, "/timeflow/snapshot-service",
                CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.TIME, Instant.now().toString()), EventJson.write(event));
    }

    @Test
    void aDSourceWithVdbsOnItsSnapshotsIsNotDeletedUntilTheyAreGone() {
        Api.DS ds = Api.link("RESTORING");
        String vdbId = UUID.randomUUID().toString();
        publish("io.timeflow.snapshot.vdb.provisioned.v1", ds.id(), new VdbProvisioned(ds.id(), vdbId, "qa-vdb-1",
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(), List.of(),
                Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                Api.count(db, "select count(*) from vdb_dependant where vdb_id = ?::uuid", vdbId) == 1);
        admin().delete("/api/v1/dsources/" + ds.id())
                        .then().statusCode(409)
                        .contentType("application/problem+json")
                        .body("code", equalTo("DSOURCE_HAS_DEPENDANTS"))
                        .body("detail", containsString("qa-vdb-1"))
                        .body("context.vdbIds", hasItem(vdbId));
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().statusCode(200);

        publish("io.timeflow.snapshot.vdb.deleted.v1", ds.id(), new VdbDeleted(ds.id(), vdbId, "qa-vdb-1",
                UUID.randomUUID().toString(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Api.count(db, "select count(*) from vdb_dependant where vdb_id = ?::uuid", vdbId) == 0);
        admin().delete("/api/v1/dsources/" + ds.id()).then().statusCode(204);
    }
}
