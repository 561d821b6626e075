package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Zero-downtime plugin upgrades (timeflow.plugin.v1): while the plugin of a dSource is being
 * upgraded, SnapSync and provisioning for it are refused (409 naming the plugin); reads go on, other
 * plugins are unaffected, and everything resumes when the upgrade ends.
 */
@QuarkusTest
class PluginUpgradeTest {

    @Test
    void snapSyncAndProvisioningAreRefusedWhileTheDSourcesPluginIsUpgraded() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        String snapshotId = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
        StagingStory other = StagingStory.restoring().linked();
        other.restore(other.full());
        String upgradeId = UUID.randomUUID().toString();
        long jobs = StagingStory.count("select count(*) from snapsync_job where dsource_id = ?",
                UUID.fromString(story.dsourceId));

        story.upgradeStarted(upgradeId);

        Api.as("operator").body(Map.of("dsourceId", story.dsourceId)).post("/api/v1/snapsync")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS"))
                .body("context.pluginId", equalTo(story.pluginId))
                .body("context.upgradeId", equalTo(upgradeId))
                .body("detail", containsString(story.pluginId));
        Api.as("operator").body(Map.of("name", "up-" + snapshotId.substring(0, 8), "snapshotId", snapshotId,
                        "targetEnvironmentId", story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(409).body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS"))
                .body("context.pluginId", equalTo(story.pluginId));
        assertThat(StagingStory.count("select count(*) from snapsync_job where dsource_id = ?",
                UUID.fromString(story.dsourceId))).isEqualTo(jobs);

        // reads go on; the readiness names the upgrade; another plugin's dSource is unaffected
        Api.as("viewer").get("/api/v1/snapshots/" + snapshotId).then().statusCode(200);
        Api.as("viewer").get("/api/v1/snapsync/readiness/" + story.dsourceId).then().statusCode(200)
                .body("ready", equalTo(false)).body("code", equalTo("PLUGIN_NOT_UPGRADING"));
        assertThat(Api.snapsyncToEnd(other.dsourceId).getString("state")).isEqualTo("SUCCEEDED");

        story.upgradeSucceeded(upgradeId);
        story.restore(story.log());
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("SUCCEEDED");
        Api.as("operator").body(Map.of("name", "up-" + snapshotId.substring(0, 8), "snapshotId", snapshotId,
                "targetEnvironmentId", story.environmentId)).post("/api/v1/vdbs").then().statusCode(201);
    }
}
