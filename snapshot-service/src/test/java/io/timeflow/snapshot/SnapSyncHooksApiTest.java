package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.events.EventJson;
import io.timeflow.events.snapshot.SnapSyncFailed;
import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import io.timeflow.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hooks of a SnapSync, run by the staging host's agent (ADR 0100): the job waits at the step
 * PRE_SYNC_HOOK until an agent of the dSource's environment takes the hook under a lease and reports
 * it; the hook's output is in the step; a failing hook fails the SnapSync with its exit code and last
 * lines; a lease that is not renewed fails it and the next one runs; the first snapshot at link waits
 * for the pre-sync hook, so it holds the backup the hook restored. Here the test plays the agent through
 * the API, and staging-service's events are told on the topic as staging-service publishes them.
 */
@QuarkusTest
class SnapSyncHooksApiTest {

    @Test
    void aSnapSyncOfADsourceWithAPreSyncHookWaitsForTheHookAndKeepsItsOutputInTheStep() {
        StagingStory story = linkedWithPreSyncHook();
        String jobId = Api.snapsync(story.dsourceId);
        JsonPath waiting = awaitStage(jobId, "PRE_SYNC_HOOK");
        assertThat(waiting.getString("steps[0].name")).isEqualTo("PRE_SYNC_HOOK");
        assertThat(waiting.getString("steps[0].outcome")).isEqualTo("RUNNING");

        JsonPath run = claim(story, 30);
        assertThat(run.getString("jobId")).isEqualTo(jobId);
        assertThat(run.getString("phase")).isEqualTo("PRE_SYNC");
        assertThat(run.getString("mountBase")).isEqualTo(story.mountBase);
        assertThat(run.getString("trigger")).isEqualTo("REQUEST");

        // the hook restores a backup; staging-service publishes its restore as it learns it
        BackupSet full = story.full();
        String restoreId = story.restore(full);
        JsonPath job = report(jobId, run.getString("leaseId"), 0, List.of("restoring sp.bak", "restored"), restoreId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(job.getString("steps[0].name")).isEqualTo("PRE_SYNC_HOOK");
        assertThat(job.getString("steps[0].outcome")).isEqualTo("PASSED");
        assertThat(job.getList("steps[0].output", String.class)).containsExactly("restoring sp.bak", "restored");
        Api.as("viewer").get("/api/v1/snapshots/" + job.getString("snapshotId")).then().statusCode(200)
                .body("backupSet.restoreId", equalTo(restoreId))
                .body("backupSet.firstLsn", equalTo(full.firstLsn().toString()));
    }

    @Test
    void aPreSyncHookThatFailsFailsTheSnapSyncWithItsExitCodeAndLastLines() {
        StagingStory story = linkedWithPreSyncHook();
        story.restore(story.full());
        String jobId = Api.snapsync(story.dsourceId);
        awaitStage(jobId, "PRE_SYNC_HOOK");
        JsonPath run = claim(story, 30);
        JsonPath job = report(jobId, run.getString("leaseId"), 3,
                List.of("Msg 3201, Level 16: Cannot open backup device", "RESTORE DATABASE is terminating abnormally"),
                null).then().statusCode(200).extract().jsonPath();
        assertThat(job.getString("state")).isEqualTo("FAILED");
        assertThat(job.getString("code")).isEqualTo("PRE_SYNC_HOOK_FAILED");
        assertThat(job.getString("detail")).contains("exited with code 3")
                .contains("RESTORE DATABASE is terminating abnormally");
        assertThat(job.getString("steps[0].outcome")).isEqualTo("FAILED");
        assertThat(job.getList("steps.outcome", String.class).subList(1, job.getList("steps").size()))
                .as("nothing after the hook ran").containsOnly("SKIPPED");
        assertThat(job.getString("snapshotId")).isNull();
        TopicProbe.Seen failed = TopicProbe.await(StagingStory.SNAPSHOT, r -> story.dsourceId.equals(r.key())
                && "io.timeflow.snapshot.snapsync.failed.v1".equals(r.type()), Duration.ofSeconds(20));
        assertThat(EventJson.read(failed.value(), SnapSyncFailed.class).code()).isEqualTo("PRE_SYNC_HOOK_FAILED");
    }

    @Test
    void aLeaseThatIsNotRenewedFailsTheSnapSyncCleanlyAndTheNextOneRuns() {
        StagingStory story = linkedWithPreSyncHook();
        story.restore(story.full());
        String first = Api.snapsync(story.dsourceId);
        awaitStage(first, "PRE_SYNC_HOOK");
        JsonPath run = claim(story, 5);
        // the agent dies: nobody renews the lease
        JsonPath expired = Api.awaitJob(first);
        assertThat(expired.getString("state")).isEqualTo("FAILED");
        assertThat(expired.getString("code")).isEqualTo("HOOK_LEASE_EXPIRED");
        assertThat(expired.getString("steps[0].outcome")).isEqualTo("FAILED");
        // an agent that comes back late is told to stop
        Api.as("agent").body(Map.of("leaseId", run.getString("leaseId"))).post("/api/v1/snapsync/hook-runs/" + first
                + "/lease").then().statusCode(409).body("code", equalTo("LEASE_LOST"));
        report(first, run.getString("leaseId"), 0, List.of("late"), null).then().statusCode(409)
                .body("code", equalTo("LEASE_LOST"));
        Api.as("viewer").get("/api/v1/snapsync/" + first).then().body("state", equalTo("FAILED"));

        String second = Api.snapsync(story.dsourceId);
        awaitStage(second, "PRE_SYNC_HOOK");
        JsonPath next = claim(story, 30);
        assertThat(next.getString("jobId")).isEqualTo(second);
        Api.as("agent").body(Map.of("leaseId", next.getString("leaseId"), "leaseSeconds", 30))
                .post("/api/v1/snapsync/hook-runs/" + second + "/lease").then().statusCode(200);
        report(second, next.getString("leaseId"), 0, List.of("ok"), null).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED"));
    }

    @Test
    void reportingTheSameLeaseAgainAnswersTheJobAsItIsAndChangesNothing() {
        StagingStory story = linkedWithPreSyncHook();
        story.restore(story.full());
        String jobId = Api.snapsync(story.dsourceId);
        awaitStage(jobId, "PRE_SYNC_HOOK");
        JsonPath run = claim(story, 30);
        String snapshot = report(jobId, run.getString("leaseId"), 0, List.of("one"), null).then().statusCode(200)
                .extract().path("snapshotId");
        report(jobId, run.getString("leaseId"), 0, List.of("one"), null).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED")).body("snapshotId", equalTo(snapshot));
        Api.snapshots(story.dsourceId).body("items", hasSize(2));
    }

    @Test
    void aSnapSyncWaitsToLearnTheRestoreItsPreSyncHookReported() {
        StagingStory story = linkedWithPreSyncHook();
        String jobId = Api.snapsync(story.dsourceId);
        awaitStage(jobId, "PRE_SYNC_HOOK");
        JsonPath run = claim(story, 30);
        String restoreId = java.util.UUID.randomUUID().toString();
        report(jobId, run.getString("leaseId"), 0, List.of("restored"), restoreId).then().statusCode(200)
                .body("state", equalTo("RUNNING")).body("stage", equalTo("AWAIT_RESTORE"));
        // staging-service's restore events arrive after the hook's report
        story.tell(new io.timeflow.events.staging.RestoreStarted(story.dsourceId, restoreId, BackupType.FULL,
                java.time.Instant.now()));
        story.restoreCompleted(restoreId, story.full());
        JsonPath job = Api.awaitJob(jobId);
        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        Api.as("viewer").get("/api/v1/snapshots/" + job.getString("snapshotId")).then()
                .body("backupSet.restoreId", equalTo(restoreId));
    }

    @Test
    void theFirstSnapshotOfADsourceWithAPreSyncHookHoldsTheBackupTheHookRestored() {
        StagingStory story = StagingStory.restoring().linkedWith(List.of("PRE_SYNC"), null);
        Api.snapshots(story.dsourceId).body("items", hasSize(0));
        JsonPath run = claim(story, 30);
        assertThat(run.getString("trigger")).isEqualTo("LINK");
        BackupSet full = story.full();
        String restoreId = story.restore(full);
        report(run.getString("jobId"), run.getString("leaseId"), 0, List.of("restored the source backup"), restoreId)
                .then().statusCode(200).body("state", equalTo("SUCCEEDED"));
        JsonPath s = Api.snapshots(story.dsourceId).body("items", hasSize(1)).extract().jsonPath();
        assertThat(s.getBoolean("items[0].emptyDatabase")).isFalse();
        assertThat(s.getString("items[0].backupSet.restoreId")).isEqualTo(restoreId);
        assertThat(s.getString("items[0].backupSet.firstLsn")).isEqualTo(full.firstLsn().toString());
    }

    @Test
    void anAgentTakesOnlyTheHooksOfItsOwnEnvironments() {
        StagingStory story = linkedWithPreSyncHook();
        String jobId = Api.snapsync(story.dsourceId);
        awaitStage(jobId, "PRE_SYNC_HOOK");
        Api.as("agent").body(Map.of("agent", "elsewhere", "environmentIds", List.of(java.util.UUID.randomUUID().toString())))
                .post("/api/v1/snapsync/hook-runs/claim").then().statusCode(204);
        assertThat(claim(story, 30).getString("jobId")).isEqualTo(jobId);
        Api.as("agent").body(Map.of("agent", "a2", "environmentIds", List.of(story.environmentId)))
                .post("/api/v1/snapsync/hook-runs/claim").then().statusCode(204);
    }

    @Test
    void aPostSyncHookRunsAfterTheSnapshotAndItsFailureIsAWarningTheSnapshotStays() {
        StagingStory story = StagingStory.restoring().linkedWith(List.of("POST_SYNC"), null);
        // the first snapshot at link is a sync too: its post-sync hook runs once the snapshot is taken
        Api.snapshots(story.dsourceId).body("items", hasSize(1));
        JsonPath atLink = claim(story, 30);
        assertThat(atLink.getString("trigger")).isEqualTo("LINK");
        report(atLink.getString("jobId"), atLink.getString("leaseId"), 0, List.of("notified"), null).then()
                .statusCode(200).body("state", equalTo("SUCCEEDED")).body("warnings", hasSize(0));
        story.restore(story.full());
        String jobId = Api.snapsync(story.dsourceId);
        JsonPath waiting = awaitStage(jobId, "POST_SYNC_HOOK");
        assertThat(waiting.getString("snapshotId")).isNotNull();
        JsonPath run = claim(story, 30);
        assertThat(run.getString("phase")).isEqualTo("POST_SYNC");
        JsonPath job = report(jobId, run.getString("leaseId"), 1, List.of("notify failed"), null).then()
                .statusCode(200).extract().jsonPath();
        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(job.getList("warnings.code", String.class)).contains("POST_SYNC_HOOK_FAILED");
        Api.snapshots(story.dsourceId).body("items", hasSize(2));
    }

    @Test
    void aHookRunIsRefusedToOtherRolesAndBadReportsAreNamed() {
        Api.as("operator").body(Map.of("agent", "x", "environmentIds", List.of(java.util.UUID.randomUUID().toString())))
                .post("/api/v1/snapsync/hook-runs/claim").then().statusCode(403);
        Api.as("agent").body(Map.of("agent", "x", "environmentIds", List.of())).post("/api/v1/snapsync/hook-runs/claim")
                .then().statusCode(400).body("errors[0].field", equalTo("environmentIds"));
        Api.as("agent").body(Map.of("leaseId", java.util.UUID.randomUUID().toString(), "timedOut", false))
                .post("/api/v1/snapsync/hook-runs/" + java.util.UUID.randomUUID() + "/report").then().statusCode(400)
                .body("errors[0].field", equalTo("durationMs"));
        report(java.util.UUID.randomUUID().toString(), java.util.UUID.randomUUID().toString(), 0, List.of(), null)
                .then().statusCode(404);
    }

    // ---- the agent's side

    static StagingStory linkedWithPreSyncHook() {
        StagingStory story = StagingStory.restoring().linked();
        Api.snapshots(story.dsourceId).body("items", hasSize(1));
        story.hooks(List.of("PRE_SYNC"));
        return story;
    }

    static JsonPath claim(StagingStory story, int leaseSeconds) {
        return Api.as("agent").body(Map.of("agent", "agent-" + story.environmentId.substring(0, 8),
                        "environmentIds", List.of(story.environmentId), "leaseSeconds", leaseSeconds))
                .post("/api/v1/snapsync/hook-runs/claim").then().statusCode(200).extract().jsonPath();
    }

    static io.restassured.response.Response report(String jobId, String leaseId, int exitCode, List<String> output,
            String lastRestoreId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("leaseId", leaseId, "exitCode", exitCode,
                "timedOut", false, "durationMs", 1200, "hookName", "restore-latest", "output", output));
        if (lastRestoreId != null) {
            body.put("lastRestoreId", lastRestoreId);
        }
        return Api.as("agent").body(body).post("/api/v1/snapsync/hook-runs/" + jobId + "/report");
    }

    static JsonPath awaitStage(String jobId, String stage) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> stage.equals(
                Api.as("viewer").get("/api/v1/snapsync/" + jobId).then().statusCode(200).extract().<String>path("stage")));
        return Api.as("viewer").get("/api/v1/snapsync/" + jobId).then().extract().jsonPath();
    }
}
