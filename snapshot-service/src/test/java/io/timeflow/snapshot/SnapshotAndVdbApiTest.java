package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.EventJson;
import io.timeflow.events.snapshot.SnapshotDeleted;
import io.timeflow.events.snapshot.VdbDeleted;
import io.timeflow.events.snapshot.VdbProvisioned;
import io.timeflow.testing.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Snapshots are listed, read and deleted; a snapshot a VDB depends on is not deleted (409 naming the
 * VDBs). VDBs are provisioned from a snapshot only: a point in time is refused; a read-only-source
 * backup provisions with a warning.
 */
@QuarkusTest
class SnapshotAndVdbApiTest {

    static Map<String, Object> vdb(String name, String snapshotId, String environmentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("snapshotId", snapshotId);
        body.put("targetEnvironmentId", environmentId);
        return body;
    }

    static String snapshotted(StagingStory story, boolean readOnly) {
        story.restore(story.full(readOnly));
        return Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
    }

    @Test
    void aVdbIsProvisionedFromASnapshotAndAnnounced() {
        StagingStory story = StagingStory.restoring().linked();
        String snapshotId = snapshotted(story, false);
        String name = "vdb-" + UUID.randomUUID().toString().substring(0, 8);

        var created = Api.as("operator").body(vdb(name, snapshotId, story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(201)
                .body("name", equalTo(name)).body("snapshotId", equalTo(snapshotId))
                .body("dsourceId", equalTo(story.dsourceId)).body("warnings", hasSize(0))
                .extract();
        String vdbId = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/vdbs/" + vdbId);
        Api.as("viewer").get("/api/v1/vdbs/" + vdbId).then().statusCode(200).body("name", equalTo(name));
        Api.as("viewer").queryParam("snapshotId", snapshotId).get("/api/v1/vdbs").then().statusCode(200)
                .body("total", equalTo(1));

        VdbProvisioned event = EventJson.read(TopicProbe.await(StagingStory.SNAPSHOT,
                r -> r.value().contains(vdbId), Duration.ofSeconds(20)).value(), VdbProvisioned.class);
        assertThat(event.snapshotId()).isEqualTo(snapshotId);
        assertThat(event.dsourceId()).isEqualTo(story.dsourceId);
    }

    @Test
    void aSnapshotOfAReadOnlySourceBackupProvisionsWithTheWarning() {
        StagingStory story = StagingStory.restoring().linked();
        String snapshotId = snapshotted(story, true);
        Api.as("operator").body(vdb("ro-" + UUID.randomUUID().toString().substring(0, 8), snapshotId,
                        story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(201).body("warnings.code", equalTo(java.util.List.of("SOURCE_READ_ONLY_BACKUP")));
    }

    @Test
    void pointInTimeProvisioningIsRefusedClearlyAndWritesNothing() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        String snapshotId = snapshotted(story, false);
        long vdbs = StagingStory.count("select count(*) from vdb");

        Map<String, Object> byTime = vdb("pit-a", snapshotId, story.environmentId);
        byTime.put("timestamp", "2026-11-23T08:00:00Z");
        Api.as("operator").body(byTime).post("/api/v1/vdbs").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("POINT_IN_TIME_NOT_SUPPORTED"))
                .body("errors.field", equalTo(java.util.List.of("timestamp")))
                .body("detail", containsString("snapshot"))
                .body("detail", not(containsString("2026-11-23T08:00:00Z")));

        Map<String, Object> byLsn = vdb("pit-b", snapshotId, story.environmentId);
        byLsn.put("lsn", "34000000021600001");
        Api.as("operator").body(byLsn).post("/api/v1/vdbs").then().statusCode(422)
                .body("code", equalTo("POINT_IN_TIME_NOT_SUPPORTED"))
                .body("errors.field", equalTo(java.util.List.of("lsn")));
        assertThat(StagingStory.count("select count(*) from vdb")).isEqualTo(vdbs);
    }

    @Test
    void aSnapshotAVdbDependsOnIsNotDeletedAndTheConflictNamesTheVdbs() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        String snapshotId = snapshotted(story, false);
        String name = "dep-" + UUID.randomUUID().toString().substring(0, 8);
        String vdbId = Api.as("operator").body(vdb(name, snapshotId, story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(201).extract().path("id");

        Api.as("operator").delete("/api/v1/snapshots/" + snapshotId).then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("SNAPSHOT_HAS_DEPENDANTS"))
                .body("detail", containsString(name))
                .body("context.vdbs[0].id", equalTo(vdbId))
                .body("context.vdbs[0].name", equalTo(name));
        assertThat(StagingStory.count("select count(*) from snapshot where id = ?", UUID.fromString(snapshotId)))
                .isEqualTo(1);
        Api.as("viewer").get("/api/v1/snapshots/" + snapshotId).then().statusCode(200)
                .body("dependants.name", equalTo(java.util.List.of(name)));

        Api.as("operator").delete("/api/v1/vdbs/" + vdbId).then().statusCode(204);
        VdbDeleted gone = EventJson.read(TopicProbe.await(StagingStory.SNAPSHOT,
                r -> r.value().contains(vdbId) && r.type().endsWith("vdb.deleted.v1"), Duration.ofSeconds(20)).value(),
                VdbDeleted.class);
        assertThat(gone.snapshotId()).isEqualTo(snapshotId);

        Api.as("operator").delete("/api/v1/snapshots/" + snapshotId).then().statusCode(204);
        Api.as("viewer").get("/api/v1/snapshots/" + snapshotId).then().statusCode(404);
        SnapshotDeleted deleted = EventJson.read(TopicProbe.await(StagingStory.SNAPSHOT,
                r -> r.value().contains(snapshotId) && r.type().endsWith("snapshot.deleted.v1"),
                Duration.ofSeconds(20)).value(), SnapshotDeleted.class);
        assertThat(deleted.reason()).isEqualTo("USER_REQUEST");
    }

    @Test
    void snapshotsAreListedByDSourceAndTimeflowNewestFirst() {
        StagingStory story = StagingStory.restoring().linked();
        String first = snapshotted(story, false);
        story.restore(story.log());
        String second = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
        Api.snapshots(story.dsourceId).body("total", equalTo(3))
                .body("items[0].id", equalTo(second)).body("items[1].id", equalTo(first))
                .body("items[2].emptyDatabase", equalTo(true));
        Api.as("viewer").queryParam("dsourceId", story.dsourceId).queryParam("limit", 1).get("/api/v1/snapshots")
                .then().statusCode(200).body("items", hasSize(1)).body("total", equalTo(3));
    }

    @Test
    void badProvisioningRequestsAreProblemsNamingTheFieldAndWriteNothing() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        String snapshotId = snapshotted(story, false);
        long vdbs = StagingStory.count("select count(*) from vdb");

        Api.as("operator").body(vdb("x", UUID.randomUUID().toString(), story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_SNAPSHOT"))
                .body("errors[0].field", equalTo("snapshotId"));
        Api.as("operator").body(vdb("x", snapshotId, UUID.randomUUID().toString())).post("/api/v1/vdbs")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_TARGET_ENVIRONMENT"))
                .body("errors[0].field", equalTo("targetEnvironmentId"));
        Api.as("operator").body(vdb("", snapshotId, story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        Api.as("operator").body("{\"name\": \"x\"}").post("/api/v1/vdbs")
                .then().statusCode(400).body("errors.field", hasItem("snapshotId"))
                .body("errors.field", hasItem("targetEnvironmentId"));
        assertThat(StagingStory.count("select count(*) from vdb")).isEqualTo(vdbs);

        String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        Api.as("operator").body(vdb(name, snapshotId, story.environmentId)).post("/api/v1/vdbs").then().statusCode(201);
        Api.as("operator").body(vdb(name.toUpperCase(), snapshotId, story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(409).body("code", equalTo("NAME_TAKEN"));
        Api.as("viewer").body(vdb("v", snapshotId, story.environmentId)).post("/api/v1/vdbs").then().statusCode(403);
        Api.as("viewer").delete("/api/v1/snapshots/" + snapshotId).then().statusCode(403);
        Api.as("operator").delete("/api/v1/vdbs/" + UUID.randomUUID()).then().statusCode(404);
        Api.as("operator").delete("/api/v1/snapshots/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aDeletedDSourceTakesItsSnapshotsAlongExceptThoseAVdbDependsOn() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        String kept = snapshotted(story, false);
        Api.as("operator").body(vdb("keep-" + kept.substring(0, 8), kept, story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(201);
        story.deleted();

        Api.snapshots(story.dsourceId).body("items.id", equalTo(java.util.List.of(kept)));
        Api.as("operator").body(Map.of("dsourceId", story.dsourceId)).post("/api/v1/snapsync").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_DSOURCE"));
    }
}
