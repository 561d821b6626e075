package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.events.EventJson;
import io.timeflow.events.snapshot.SnapSyncFailed;
import io.timeflow.events.snapshot.SnapSyncSkipped;
import io.timeflow.events.snapshot.SnapshotCreated;
import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DatabaseState;
import io.timeflow.snapshot.domain.HeldSnapSyncWorker;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SnapSync as the staging-push rules describe it: the prerequisites each reported pass/fail (a failing one fails
 * the job, naming it), the last restored backup, NO_BACKUP_FOUND and SNAPSHOT_EXISTS_FOR_BACKUP
 * skips, the snapshot with its backup set, LSNs, timeflow and read-only flag; the job resource; and
 * every way to ask wrongly.
 */
@QuarkusTest
class SnapSyncApiTest {

    @Inject
    HeldSnapSyncWorker worker;

    @Test
    void aSnapSyncIsA202JobThatTakesTheLastRestoredBackupWithItsLsnsAndTimeflow() {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        BackupSet log = story.log();
        String restoreId = story.restore(log);

        var response = Api.as("operator").body(Map.of("dsourceId", story.dsourceId)).post("/api/v1/snapsync")
                .then().statusCode(202)
                .body("state", equalTo("PENDING"))
                .body("trigger", equalTo("REQUEST"))
                .body("requestedBy", equalTo("operator-user"))
                .extract();
        String jobId = response.path("id");
        assertThat(response.header("Location")).endsWith("/api/v1/snapsync/" + jobId);

        JsonPath job = Api.awaitJob(jobId);
        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(job.getList("steps.name")).contains("DSOURCE_ENABLED_AND_LINKED", "STAGING_DATABASE_PRESENT",
                "DATA_MOUNTED", "FILES_UNDER_MOUNT", "STATE_MATCHES_MODE", "NO_RESTORE_IN_PROGRESS",
                "PLUGIN_NOT_UPGRADING", "FETCH_LAST_BACKUP", "CHECK_EXISTING_SNAPSHOT", "SELECT_TIMEFLOW",
                "TAKE_SNAPSHOT");
        assertThat(job.getList("steps.outcome")).containsOnly("PASSED");
        String snapshotId = job.getString("snapshotId");

        String currentTimeflow = Api.timeflows(story.dsourceId).extract().path("items.find { it.current }.id");
        JsonPath snapshot = Api.as("viewer").get("/api/v1/snapshots/" + snapshotId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(snapshot.getString("backupSet.restoreId")).isEqualTo(restoreId);
        assertThat(snapshot.getString("backupSet.type")).isEqualTo("LOG");
        assertThat(snapshot.getString("backupSet.firstLsn")).isEqualTo(log.firstLsn().toString());
        assertThat(snapshot.getString("backupSet.lastLsn")).isEqualTo(log.lastLsn().toString());
        assertThat(snapshot.getString("backupSet.recoveryForkGuid")).isEqualTo(story.fork());
        assertThat(snapshot.getString("timeflowId")).isEqualTo(currentTimeflow);
        assertThat(snapshot.getString("timeZone")).isEqualTo("Europe/Paris");
        assertThat(snapshot.getBoolean("sourceReadOnly")).isFalse();

        TopicProbe.Seen seen = TopicProbe.await(StagingStory.SNAPSHOT, r -> story.dsourceId.equals(r.key())
                && r.value().contains(snapshotId), Duration.ofSeconds(20));
        SnapshotCreated event = EventJson.read(seen.value(), SnapshotCreated.class);
        assertThat(event.trigger()).isEqualTo("REQUEST");
        assertThat(event.backupSet().lastLsn()).isEqualTo(log.lastLsn());
        assertThat(event.snapSyncJobId()).isEqualTo(jobId);
        assertThat(seen.headers()).containsEntry("ce_actor", "operator-user");
    }

    @Test
    void withNoRestoredBackupTheSnapSyncIsSkippedWithNoBackupFound() throws Exception {
        StagingStory story = StagingStory.restoring().linked();

        JsonPath job = Api.snapsyncToEnd(story.dsourceId);

        assertThat(job.getString("state")).isEqualTo("SKIPPED");
        assertThat(job.getString("code")).isEqualTo("NO_BACKUP_FOUND");
        assertThat(job.getList("warnings.code")).containsExactly("NO_BACKUP_FOUND");
        Api.snapshots(story.dsourceId).body("items", hasSize(1)).body("items[0].emptyDatabase", equalTo(true));
        SnapSyncSkipped event = EventJson.read(TopicProbe.await(StagingStory.SNAPSHOT,
                r -> r.value().contains(job.getString("id")), Duration.ofSeconds(20)).value(), SnapSyncSkipped.class);
        assertThat(event.code()).isEqualTo("NO_BACKUP_FOUND");
    }

    @Test
    void aSnapshotForThatBackupInTheCurrentTimeflowSkipsWithSnapshotExistsForBackupNamingIt() {
        StagingStory story = StagingStory.restoring().linked();
        BackupSet full = story.full();
        story.restore(full);
        String first = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");

        JsonPath again = Api.snapsyncToEnd(story.dsourceId);
        assertThat(again.getString("state")).isEqualTo("SKIPPED");
        assertThat(again.getString("code")).isEqualTo("SNAPSHOT_EXISTS_FOR_BACKUP");
        assertThat(again.getString("existingSnapshotId")).isEqualTo(first);
        assertThat(again.getString("detail")).contains(first);

        // the same backup file restored again is still the same backup
        story.restore(full);
        JsonPath third = Api.snapsyncToEnd(story.dsourceId);
        assertThat(third.getString("code")).isEqualTo("SNAPSHOT_EXISTS_FOR_BACKUP");
        assertThat(third.getString("existingSnapshotId")).isEqualTo(first);
        Api.snapshots(story.dsourceId).body("items", hasSize(2));
    }

    @Test
    void aBackupFromAReadOnlySourceIsSnapshottedWithTheFlagAndAWarning() {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full(true));

        JsonPath job = Api.snapsyncToEnd(story.dsourceId);

        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(job.getList("warnings.code")).containsExactly("SOURCE_READ_ONLY_BACKUP");
        Api.as("viewer").get("/api/v1/snapshots/" + job.getString("snapshotId")).then().statusCode(200)
                .body("sourceReadOnly", equalTo(true)).body("backupSet.sourceReadOnly", equalTo(true));
    }

    @Test
    void aDisabledDSourceFailsTheDSourceEnabledAndLinkedPrerequisite() throws Exception {
        StagingStory story = readyStory();
        story.disabled();
        assertFailsWith(story, "DSOURCE_ENABLED_AND_LINKED", "disabled");
        story.enabled();
        story.restore(story.log());
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("SUCCEEDED");
    }

    @Test
    void anUnlinkedDSourceFailsTheDSourceEnabledAndLinkedPrerequisiteUntilLinkedAndEnabledAgain() throws Exception {
        StagingStory story = readyStory();
        story.detached();
        assertFailsWith(story, "DSOURCE_ENABLED_AND_LINKED", "unlinked");
        story.attached("sales_staging_2");
        assertFailsWith(story, "DSOURCE_ENABLED_AND_LINKED", "disabled");
        story.enabled();
        story.restore(story.log());
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aMissingStagingDatabaseFailsTheStagingDatabasePresentPrerequisite() throws Exception {
        StagingStory story = readyStory();
        story.databaseState(DatabaseState.MISSING, false, true);
        assertFailsWith(story, "STAGING_DATABASE_PRESENT", "not found");
    }

    @Test
    void anUnmountedDataDirectoryFailsTheDataMountedPrerequisite() throws Exception {
        StagingStory story = readyStory();
        story.mounted(false);
        assertFailsWith(story, "DATA_MOUNTED", "not mounted");
    }

    @Test
    void filesInASubDirectoryOfTheMountFailTheFilesUnderMountPrerequisite() throws Exception {
        StagingStory story = readyStory();
        story.databaseState(DatabaseState.RESTORING, true, false);
        assertFailsWith(story, "FILES_UNDER_MOUNT", "sub-directory");
    }

    @Test
    void aCannotMonitorStateFailsTheStateMatchesModePrerequisiteUntilItClears() throws Exception {
        StagingStory story = readyStory();
        story.databaseState(DatabaseState.ONLINE, false, true);
        String fault = story.faultRaised("CANNOT_MONITOR");
        JsonPath failed = assertFailsWith(story, "STATE_MATCHES_MODE", "CANNOT_MONITOR");
        assertThat(failed.getString("detail")).contains("ONLINE").contains("RESTORING");

        story.databaseState(DatabaseState.RESTORING, true, true);
        story.faultResolved(fault, "CANNOT_MONITOR");
        story.restore(story.log());
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("SUCCEEDED");
    }

    @Test
    void anOnlineModeDSourceNeedsItsDatabaseOnline() throws Exception {
        StagingStory story = StagingStory.online().linked();
        story.restore(story.full());
        story.databaseState(DatabaseState.RESTORING, false, true);
        assertFailsWith(story, "STATE_MATCHES_MODE", "ONLINE");
        story.databaseState(DatabaseState.ONLINE, true, true);
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aRestoreInProgressFailsTheNoRestoreInProgressPrerequisite() throws Exception {
        StagingStory story = readyStory();
        String restoreId = story.restoreStarted(BackupType.LOG);
        assertFailsWith(story, "NO_RESTORE_IN_PROGRESS", restoreId);
        story.restoreFailed(restoreId, BackupType.LOG);
        // the failed restore did not change the last restored backup, which is already snapshotted
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("code")).isEqualTo("SNAPSHOT_EXISTS_FOR_BACKUP");
    }

    @Test
    void theReadinessCheckAnswersTheSamePrerequisitesWithoutActing() throws Exception {
        StagingStory story = readyStory();
        story.mounted(false);
        long jobs = StagingStory.count("select count(*) from snapsync_job");
        long outbox = StagingStory.count("select count(*) from outbox");

        JsonPath readiness = Api.as("viewer").get("/api/v1/snapsync/readiness/" + story.dsourceId)
                .then().statusCode(200).extract().jsonPath();

        assertThat(readiness.getBoolean("ready")).isFalse();
        assertThat(readiness.getList("prerequisites.name")).containsExactly("DSOURCE_ENABLED_AND_LINKED",
                "STAGING_DATABASE_PRESENT", "DATA_MOUNTED", "FILES_UNDER_MOUNT", "STATE_MATCHES_MODE",
                "NO_RESTORE_IN_PROGRESS", "PLUGIN_NOT_UPGRADING");
        assertThat(readiness.getList("prerequisites.findAll { !it.passed }.name")).containsExactly("DATA_MOUNTED");
        assertThat(readiness.getString("wouldDo")).isEqualTo("FAIL");
        assertThat(readiness.getString("code")).isEqualTo("DATA_MOUNTED");
        assertThat(StagingStory.count("select count(*) from snapsync_job")).isEqualTo(jobs);
        assertThat(StagingStory.count("select count(*) from outbox")).isEqualTo(outbox);

        story.mounted(true);
        Api.as("viewer").get("/api/v1/snapsync/readiness/" + story.dsourceId).then().statusCode(200)
                .body("ready", equalTo(true)).body("wouldDo", equalTo("SKIP"))
                .body("code", equalTo("SNAPSHOT_EXISTS_FOR_BACKUP"));
    }

    @Test
    void onlyOneSnapSyncOfADSourceIsUnderWayAndAPendingOneCanBeCancelled() throws Exception {
        StagingStory story = readyStory();
        worker.pause();
        try {
            String jobId = Api.snapsync(story.dsourceId);
            Api.as("operator").body(Map.of("dsourceId", story.dsourceId)).post("/api/v1/snapsync")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("code", equalTo("SNAPSYNC_IN_PROGRESS")).body("context.jobId", equalTo(jobId));

            Api.as("operator").post("/api/v1/snapsync/" + jobId + "/cancel").then().statusCode(200)
                    .body("state", equalTo("CANCELLED"));
            Api.as("operator").post("/api/v1/snapsync/" + jobId + "/cancel").then().statusCode(409)
                    .body("code", equalTo("NOT_CANCELLABLE"));
        } finally {
            worker.resume();
        }
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("SKIPPED");
    }

    @Test
    void anUnknownDSourceIsA422NamingTheFieldAndWritesNothing() throws Exception {
        long jobs = StagingStory.count("select count(*) from snapsync_job");
        String unknown = UUID.randomUUID().toString();
        Api.as("operator").body(Map.of("dsourceId", unknown)).post("/api/v1/snapsync")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_DSOURCE"))
                .body("type", equalTo("urn:timeflow:problem:unknown-dsource"))
                .body("errors[0].field", equalTo("dsourceId"))
                .body("detail", not(containsString(unknown)));
        assertThat(StagingStory.count("select count(*) from snapsync_job")).isEqualTo(jobs);
        Api.as("viewer").get("/api/v1/snapsync/readiness/" + unknown).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void anUnknownBackupSetIsA422AndOneThatIsNoLongerTheLastRestoredIsA409() throws Exception {
        StagingStory story = readyStory();
        String older = StagingStory.count("select count(*) from restore where dsource_id = ?",
                UUID.fromString(story.dsourceId)) > 0 ? lastRestore(story) : null;
        story.restore(story.log());

        Api.as("operator").body(Map.of("dsourceId", story.dsourceId, "restoreId", UUID.randomUUID().toString()))
                .post("/api/v1/snapsync").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_BACKUP_SET")).body("errors[0].field", equalTo("restoreId"));
        Api.as("operator").body(Map.of("dsourceId", story.dsourceId, "restoreId", older))
                .post("/api/v1/snapsync").then().statusCode(409)
                .body("code", equalTo("BACKUP_NOT_LAST_RESTORED"));
        String latest = lastRestore(story);
        String jobId = Api.as("operator").body(Map.of("dsourceId", story.dsourceId, "restoreId", latest))
                .post("/api/v1/snapsync").then().statusCode(202).extract().path("id");
        assertThat(Api.awaitJob(jobId).getString("state")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aValidatedSyncIsRefusedBecauseStagingPushDoesNotSupportIt() {
        StagingStory story = readyStory();
        Api.as("operator").body(Map.of("dsourceId", story.dsourceId, "validatedSync", true)).post("/api/v1/snapsync")
                .then().statusCode(422).body("code", equalTo("VALIDATED_SYNC_NOT_SUPPORTED"))
                .body("errors[0].field", equalTo("validatedSync"));
    }

    @Test
    void malformedRequestsAre400sNamingTheField() {
        Api.as("operator").body("{}").post("/api/v1/snapsync").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("dsourceId"));
        Api.as("operator").body("{\"dsourceId\": \"not-a-uuid\"}").post("/api/v1/snapsync").then().statusCode(400)
                .body("errors[0].field", equalTo("dsourceId")).body("detail", not(containsString("not-a-uuid")));
        Api.as("operator").body("{\"dsourceId\": \"" + UUID.randomUUID() + "\", \"dsorceId\": 1}")
                .post("/api/v1/snapsync").then().statusCode(400).body("errors.field", hasItem("dsorceId"));
        Api.as("viewer").queryParam("state", "DONE").get("/api/v1/snapsync").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
        Api.as("viewer").queryParam("dsourceId", "x").get("/api/v1/snapsync").then().statusCode(400)
                .body("errors[0].field", equalTo("dsourceId"));
        Api.as("viewer").get("/api/v1/snapsync/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void askingForASnapSyncNeedsTheOperatorRoleAndReadingItTheViewerRole() {
        StagingStory story = readyStory();
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("dsourceId", story.dsourceId))
                .post("/api/v1/snapsync").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        Api.as("viewer").body(Map.of("dsourceId", story.dsourceId)).post("/api/v1/snapsync").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        Api.as("agent").get("/api/v1/snapsync").then().statusCode(403);
        Api.as("viewer").queryParam("dsourceId", story.dsourceId).get("/api/v1/snapsync").then().statusCode(200);
    }

    @Test
    void theJobListIsFilteredByDSourceAndState() {
        StagingStory story = readyStory();
        Api.snapsyncToEnd(story.dsourceId);
        Api.as("viewer").queryParam("dsourceId", story.dsourceId).get("/api/v1/snapsync").then().statusCode(200)
                .body("total", equalTo(3)).body("items.trigger", hasItem("LINK"));
        Api.as("viewer").queryParam("dsourceId", story.dsourceId).queryParam("state", "skipped")
                .get("/api/v1/snapsync").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].code", equalTo("SNAPSHOT_EXISTS_FOR_BACKUP"));
    }

    /** A linked dSource with a FULL backup restored and snapshotted: every prerequisite holds. */
    private static StagingStory readyStory() {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("SUCCEEDED");
        return story;
    }

    private static String lastRestore(StagingStory story) throws Exception {
        try (var c = StagingStory.connect(); var ps = c.prepareStatement(
                "select id from restore where dsource_id = ? and status = 'COMPLETED' order by completion_seq desc limit 1")) {
            ps.setObject(1, UUID.fromString(story.dsourceId));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The SnapSync fails naming the prerequisite; nothing is snapshotted; the failure is on the topic. */
    private static JsonPath assertFailsWith(StagingStory story, String prerequisite, String detailHas) throws Exception {
        long snapshots = StagingStory.count("select count(*) from snapshot where dsource_id = ?",
                UUID.fromString(story.dsourceId));
        JsonPath job = Api.snapsyncToEnd(story.dsourceId);
        assertThat(job.getString("state")).isEqualTo("FAILED");
        assertThat(job.getString("code")).isEqualTo(prerequisite);
        assertThat(job.getString("detail")).contains(detailHas);
        assertThat(job.getString("steps.find { it.name == '" + prerequisite + "' }.outcome")).isEqualTo("FAILED");
        assertThat(job.getString("steps.find { it.name == 'TAKE_SNAPSHOT' }.outcome")).isEqualTo("SKIPPED");
        assertThat(StagingStory.count("select count(*) from snapshot where dsource_id = ?",
                UUID.fromString(story.dsourceId))).isEqualTo(snapshots);
        SnapSyncFailed event = EventJson.read(TopicProbe.await(StagingStory.SNAPSHOT,
                r -> r.value().contains(job.getString("id")), Duration.ofSeconds(20)).value(), SnapSyncFailed.class);
        assertThat(event.code()).isEqualTo(prerequisite);
        assertThat(event.failedPrerequisites()).contains(prerequisite);
        return job;
    }

}
