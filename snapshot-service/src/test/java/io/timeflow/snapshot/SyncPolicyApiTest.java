package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.events.EventJson;
import io.timeflow.events.snapshot.SnapshotDeleted;
import io.timeflow.snapshot.domain.ScheduledSnapSync;
import io.timeflow.snapshot.domain.HeldSnapSyncWorker;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sync policies: a Quartz cron in a time zone and a retention, assigned to dSources; scheduled runs
 * take SnapSyncs and never overlap for one dSource; retention deletes what it should and says why.
 */
@QuarkusTest
class SyncPolicyApiTest {

    static final String NEVER = "0 0 0 1 1 ? 2099";

    @Inject
    ScheduledSnapSync scheduled;

    @Inject
    HeldSnapSyncWorker worker;

    static Map<String, Object> policy(String name, String cron, Integer keepLast, Integer keepDays) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("cron", cron);
        body.put("timeZone", "Europe/Paris");
        Map<String, Object> retention = new HashMap<>();
        retention.put("keepLast", keepLast);
        retention.put("keepDays", keepDays);
        body.put("retention", retention);
        return body;
    }

    static String create(String cron, Integer keepLast) {
        return Api.as("admin").body(policy("p-" + UUID.randomUUID(), cron, keepLast, null))
                .post("/api/v1/sync-policies").then().statusCode(201).extract().path("id");
    }

    @Test
    void aPolicyIsCreatedWithItsScheduleInTheClusteredJobStore() throws Exception {
        String name = "nightly-" + UUID.randomUUID();
        var created = Api.as("admin").body(policy(name, "0 0 2 * * ?", 7, 30)).post("/api/v1/sync-policies")
                .then().statusCode(201)
                .body("name", equalTo(name)).body("cron", equalTo("0 0 2 * * ?"))
                .body("timeZone", equalTo("Europe/Paris"))
                .body("retention.keepLast", equalTo(7)).body("retention.keepDays", equalTo(30))
                .body("nextRunAt", notNullValue())
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/sync-policies/" + id);
        Instant next = Instant.parse(created.path("nextRunAt"));
        assertThat(next.atZone(java.time.ZoneId.of("Europe/Paris")).getHour()).isEqualTo(2);
        assertThat(StagingStory.count("select count(*) from qrtz_cron_triggers where trigger_name = ? "
                + "and cron_expression = '0 0 2 * * ?' and time_zone_id = 'Europe/Paris'", id)).isEqualTo(1);

        Api.as("admin").body(policy(name, "0 30 3 ? * MON-FRI", 7, null)).put("/api/v1/sync-policies/" + id)
                .then().statusCode(200).body("cron", equalTo("0 30 3 ? * MON-FRI"))
                .body("retention.keepDays", equalTo(null));
        assertThat(StagingStory.count("select count(*) from qrtz_cron_triggers where trigger_name = ? "
                + "and cron_expression = '0 30 3 ? * MON-FRI'", id)).isEqualTo(1);
        Api.as("viewer").get("/api/v1/sync-policies/" + id).then().statusCode(200).body("name", equalTo(name));

        Api.as("admin").delete("/api/v1/sync-policies/" + id).then().statusCode(204);
        assertThat(StagingStory.count("select count(*) from qrtz_triggers where trigger_name = ?", id)).isZero();
        Api.as("viewer").get("/api/v1/sync-policies/" + id).then().statusCode(404);
    }

    @Test
    void aBadCronOrTimeZoneOrRetentionIsA400NamingTheFieldAndWritesNothing() throws Exception {
        long policies = StagingStory.count("select count(*) from sync_policy");
        long triggers = StagingStory.count("select count(*) from qrtz_triggers");
        Api.as("admin").body(policy("bad", "every night", null, null)).post("/api/v1/sync-policies")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("cron"));
        Api.as("admin").body(policy("bad", "0 0 2 * *", null, null)).post("/api/v1/sync-policies")
                .then().statusCode(400).body("errors[0].field", equalTo("cron"));
        Map<String, Object> zone = policy("bad", "0 0 2 * * ?", null, null);
        zone.put("timeZone", "Mars/Olympus");
        Api.as("admin").body(zone).post("/api/v1/sync-policies").then().statusCode(400)
                .body("errors[0].field", equalTo("timeZone"));
        Api.as("admin").body(policy("bad", "0 0 2 * * ?", 0, null)).post("/api/v1/sync-policies")
                .then().statusCode(400).body("errors.field", hasItem("retention.keepLast"));
        Api.as("admin").body("{\"name\": \"bad\"}").post("/api/v1/sync-policies")
                .then().statusCode(400).body("errors.field", hasItem("cron"));
        assertThat(StagingStory.count("select count(*) from sync_policy")).isEqualTo(policies);
        assertThat(StagingStory.count("select count(*) from qrtz_triggers")).isEqualTo(triggers);
    }

    @Test
    void policiesAreAssignedToKnownDSourcesAndAPolicyInUseIsNotDeleted() {
        StagingStory story = StagingStory.restoring().linked();
        String id = create(NEVER, null);
        String name = Api.as("viewer").get("/api/v1/sync-policies/" + id).then().extract().path("name");
        Api.as("admin").body(policy(name.toUpperCase(), NEVER, null, null)).post("/api/v1/sync-policies")
                .then().statusCode(409).body("code", equalTo("NAME_TAKEN"));

        Api.as("admin").put("/api/v1/sync-policies/" + id + "/dsources/" + story.dsourceId).then().statusCode(200)
                .body("dsourceId", equalTo(story.dsourceId));
        Api.as("viewer").get("/api/v1/sync-policies/" + id).then().body("dsourceIds", equalTo(List.of(story.dsourceId)));
        Api.as("admin").put("/api/v1/sync-policies/" + id + "/dsources/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        Api.as("admin").delete("/api/v1/sync-policies/" + id).then().statusCode(409)
                .body("code", equalTo("POLICY_IN_USE")).body("context.dsourceIds", equalTo(List.of(story.dsourceId)));

        Api.as("admin").delete("/api/v1/sync-policies/" + id + "/dsources/" + story.dsourceId).then().statusCode(204);
        Api.as("admin").delete("/api/v1/sync-policies/" + id + "/dsources/" + story.dsourceId).then().statusCode(404)
                .body("code", equalTo("NOT_ASSIGNED"));
        Api.as("admin").delete("/api/v1/sync-policies/" + id).then().statusCode(204);
    }

    @Test
    void writingPoliciesNeedsTheAdminRole() {
        Api.as("operator").body(policy("op", NEVER, null, null)).post("/api/v1/sync-policies").then().statusCode(403);
        Api.as("viewer").get("/api/v1/sync-policies").then().statusCode(200);
    }

    @Test
    void aScheduledRunTakesASnapSyncOfEachDSourceFollowingThePolicy() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        String id = create("* * * * * ?", null);
        Api.as("admin").put("/api/v1/sync-policies/" + id + "/dsources/" + story.dsourceId).then().statusCode(200);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> StagingStory.count(
                    "select count(*) from snapsync_job where dsource_id = ? and trigger = 'POLICY' and state = 'SUCCEEDED'",
                    UUID.fromString(story.dsourceId)) >= 1);
        } finally {
            Api.as("admin").delete("/api/v1/sync-policies/" + id + "/dsources/" + story.dsourceId);
            Api.as("admin").delete("/api/v1/sync-policies/" + id).then().statusCode(204);
        }
        JsonPath jobs = Api.as("viewer").queryParam("dsourceId", story.dsourceId).queryParam("state", "SUCCEEDED")
                .get("/api/v1/snapsync").then().extract().jsonPath();
        assertThat(jobs.getList("items.trigger")).contains("POLICY");
        assertThat(jobs.getString("items.find { it.trigger == 'POLICY' }.policyId")).isEqualTo(id);
        assertThat(jobs.getString("items.find { it.trigger == 'POLICY' }.scheduledFor")).isNotNull();
    }

    @Test
    void aScheduledRunWhileASnapSyncOfTheDSourceIsUnderWayIsSkippedNotOverlapped() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        String id = create(NEVER, null);
        Api.as("admin").put("/api/v1/sync-policies/" + id + "/dsources/" + story.dsourceId).then().statusCode(200);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        worker.pause();
        String running;
        List<UUID> jobs;
        try {
            running = Api.snapsync(story.dsourceId);
            jobs = scheduled.fire(UUID.fromString(id), at, "test-replica");
            assertThat(scheduled.fire(UUID.fromString(id), at, "another-replica")).as("the same scheduled time twice")
                    .isEmpty();
        } finally {
            worker.resume();
        }
        assertThat(jobs).hasSize(1);
        JsonPath skipped = Api.as("viewer").get("/api/v1/snapsync/" + jobs.get(0)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(skipped.getString("state")).isEqualTo("SKIPPED");
        assertThat(skipped.getString("code")).isEqualTo("SNAPSYNC_IN_PROGRESS");
        assertThat(skipped.getString("detail")).contains(running);
        assertThat(Api.awaitJob(running).getString("state")).isEqualTo("SUCCEEDED");
        Api.as("admin").delete("/api/v1/sync-policies/" + id + "/dsources/" + story.dsourceId);
        Api.as("admin").delete("/api/v1/sync-policies/" + id).then().statusCode(204);
    }

    @Test
    void retentionDeletesWhatThePolicyNoLongerKeepsSaysWhyAndKeepsWhatAVdbNeeds() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        String empty = Api.snapshots(story.dsourceId).extract().path("items[0].id");
        String id = create(NEVER, 2);
        Api.as("admin").put("/api/v1/sync-policies/" + id + "/dsources/" + story.dsourceId).then().statusCode(200);

        story.restore(story.full());
        JsonPath first = Api.snapsyncToEnd(story.dsourceId);
        assertThat(first.getString("steps.find { it.name == 'APPLY_RETENTION' }.detail")).contains("deletes nothing");

        story.restore(story.log());
        JsonPath second = Api.snapsyncToEnd(story.dsourceId);
        String retention = second.getString("steps.find { it.name == 'APPLY_RETENTION' }.detail");
        assertThat(retention).contains(empty).contains("keeps the newest 2");
        Api.as("viewer").get("/api/v1/snapshots/" + empty).then().statusCode(404);
        SnapshotDeleted deleted = EventJson.read(TopicProbe.await(StagingStory.SNAPSHOT,
                r -> r.value().contains(empty) && r.type().endsWith("snapshot.deleted.v1"), Duration.ofSeconds(20))
                .value(), SnapshotDeleted.class);
        assertThat(deleted.reason()).isEqualTo("RETENTION");
        assertThat(deleted.detail()).contains("#3").contains("keeps the newest 2");

        String needed = first.getString("snapshotId");
        Api.as("operator").body(Map.of("name", "ret-" + needed.substring(0, 8), "snapshotId", needed,
                "targetEnvironmentId", story.environmentId)).post("/api/v1/vdbs").then().statusCode(201);
        story.restore(story.log());
        JsonPath third = Api.snapsyncToEnd(story.dsourceId);
        assertThat(third.getString("steps.find { it.name == 'APPLY_RETENTION' }.detail"))
                .contains("because VDBs depend on them");
        Api.snapshots(story.dsourceId).body("items.id", equalTo(List.of(third.getString("snapshotId"),
                second.getString("snapshotId"), needed)));
    }
}
