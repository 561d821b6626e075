package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.EventJson;
import io.timeflow.events.snapshot.SyncPolicyCreated;
import io.timeflow.events.snapshot.VdbRefreshed;
import io.timeflow.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The staging-push rules snapshot-service keeps beyond SnapSync itself: a detached dSource still
 * provisions VDBs; database files in a sub-directory of the mount refuse provisioning, naming each
 * path; a VDB is refreshed from the latest snapshot of its dSource, and not while its plugin is
 * upgraded (an administrative operation the plugin upgrade blocks); the SnapSync policy chosen at link
 * is the dSource's policy; a linked ↔ staging-push conversion keeps the timeflow and the snapshots.
 */
@QuarkusTest
class StagingPushRulesApiTest {

    @Test
    void aDetachedDsourceCanStillProvisionAVdb() {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        String snapshotId = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
        story.detached();
        Api.as("operator").body(SnapshotAndVdbApiTest.vdb("from-detached-" + story.name, snapshotId, story.environmentId))
                .post("/api/v1/vdbs").then().statusCode(201).body("snapshotId", equalTo(snapshotId));
    }

    @Test
    void filesInASubDirectoryOfTheMountRefuseProvisioningNamingEachPath() {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        String snapshotId = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
        String data = story.mountBase + "\\folder1\\sp.mdf";
        String log = story.mountBase + "\\folder1\\folder2\\sp_log.ldf";
        story.filesInSubdirectory(data, log);
        Api.as("operator").body(SnapshotAndVdbApiTest.vdb("sub-" + story.name, snapshotId, story.environmentId))
                .post("/api/v1/vdbs").then().statusCode(422).body("code", equalTo("FILES_OUTSIDE_MOUNT_DIRECTORY"))
                .body("context.files", equalTo(List.of(data, log)));
        Api.as("viewer").queryParam("snapshotId", snapshotId).get("/api/v1/vdbs").then().body("total", equalTo(0));
    }

    @Test
    void aVdbIsRefreshedToTheLatestSnapshotOfItsDsourceAndAnnounced() {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        String older = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
        String vdbId = Api.as("operator").body(SnapshotAndVdbApiTest.vdb("refresh-" + story.name, older,
                story.environmentId)).post("/api/v1/vdbs").then().statusCode(201).extract().path("id");
        story.restore(story.log());
        String latest = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");

        Api.as("operator").body(Map.of("snapshotId", older)).post("/api/v1/vdbs/" + vdbId + "/refresh").then()
                .statusCode(409).body("code", equalTo("SNAPSHOT_NOT_LATEST"));
        Api.as("operator").body(Map.of()).post("/api/v1/vdbs/" + vdbId + "/refresh").then().statusCode(200)
                .body("snapshotId", equalTo(latest));
        Api.as("viewer").queryParam("snapshotId", older).get("/api/v1/vdbs").then().body("total", equalTo(0));
        VdbRefreshed event = EventJson.read(TopicProbe.await(StagingStory.SNAPSHOT, r -> story.dsourceId.equals(r.key())
                && "io.timeflow.snapshot.vdb.refreshed.v1".equals(r.type()), Duration.ofSeconds(20)).value(),
                VdbRefreshed.class);
        assertThat(event.previousSnapshotId()).isEqualTo(older);
        assertThat(event.snapshotId()).isEqualTo(latest);
        // the older snapshot has no dependant any more: it can be deleted
        Api.as("operator").delete("/api/v1/snapshots/" + older).then().statusCode(204);
    }

    @Test
    void aVdbRefreshIsRefusedWhileItsPluginIsUpgraded() {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        String snapshotId = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
        String vdbId = Api.as("operator").body(SnapshotAndVdbApiTest.vdb("up-" + story.name, snapshotId,
                story.environmentId)).post("/api/v1/vdbs").then().statusCode(201).extract().path("id");
        String upgrade = UUID.randomUUID().toString();
        story.upgradeStarted(upgrade);
        Api.as("operator").body(Map.of()).post("/api/v1/vdbs/" + vdbId + "/refresh").then().statusCode(409)
                .body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS"));
        story.upgradeSucceeded(upgrade);
        Api.as("operator").body(Map.of()).post("/api/v1/vdbs/" + vdbId + "/refresh").then().statusCode(200);
    }

    @Test
    void theSnapSyncPolicyChosenAtLinkIsTheDsourcesPolicyAndPoliciesAreAnnounced() {
        String name = "at-link-" + UUID.randomUUID().toString().substring(0, 8);
        String policyId = Api.as("admin").body(SyncPolicyApiTest.policy(name, "0 0 2 * * ?", 7, null))
                .post("/api/v1/sync-policies").then().statusCode(201).extract().path("id");
        SyncPolicyCreated created = EventJson.read(TopicProbe.await(StagingStory.SNAPSHOT, r -> policyId.equals(r.key())
                && "io.timeflow.snapshot.sync-policy.created.v1".equals(r.type()), Duration.ofSeconds(20)).value(),
                SyncPolicyCreated.class);
        assertThat(created.name()).isEqualTo(name);
        StagingStory story = StagingStory.restoring().linkedWith(List.of(), policyId);
        Api.as("viewer").get("/api/v1/sync-policies/" + policyId).then().statusCode(200)
                .body("dsourceIds", hasItem(story.dsourceId));
    }

    @Test
    void aConversionOfAnOnlineDsourceKeepsItsTimeflowAndSnapshots() {
        StagingStory story = StagingStory.online().linked();
        story.restore(story.full());
        Api.snapsyncToEnd(story.dsourceId);
        String timeflow = Api.timeflows(story.dsourceId).body("items", hasSize(1)).extract().path("items[0].id");
        story.converted("STAGING_PUSH", "LINKED");
        story.converted("LINKED", "STAGING_PUSH");
        Api.snapshots(story.dsourceId).body("items", hasSize(2));
        Api.timeflows(story.dsourceId).body("items", hasSize(1)).body("items[0].id", equalTo(timeflow));
    }
}
