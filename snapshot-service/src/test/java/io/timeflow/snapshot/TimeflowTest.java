package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.events.EventJson;
import io.timeflow.events.snapshot.TimeflowCreated;
import io.timeflow.testing.TopicProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Timeflows: a RESTORING-mode dSource starts a new timeflow when the recovery fork GUID changes; an
 * ONLINE-mode dSource follows a single timeflow (a limitation of staging push), and after a backup of a
 * new fork its older snapshots must be deleted before the new one is used for provisioning.
 */
@QuarkusTest
class TimeflowTest {

    @Test
    void inRestoringModeANewRecoveryForkStartsANewTimeflow() {
        StagingStory story = StagingStory.restoring().linked();
        String firstFork = story.fork();
        story.restore(story.full());
        String onFirst = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
        story.restore(story.log());
        String stillFirst = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");

        String newFork = story.newFork();
        story.restore(story.full());
        JsonPath job = Api.snapsyncToEnd(story.dsourceId);
        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(job.getString("steps.find { it.name == 'SELECT_TIMEFLOW' }.detail")).contains("new timeflow-2");

        JsonPath timeflows = Api.timeflows(story.dsourceId).body("items", hasSize(2)).extract().jsonPath();
        assertThat(timeflows.getString("items.find { it.ordinal == 1 }.recoveryForkGuid")).isEqualTo(firstFork);
        assertThat(timeflows.getBoolean("items.find { it.ordinal == 1 }.current")).isFalse();
        assertThat(timeflows.getString("items.find { it.ordinal == 2 }.recoveryForkGuid")).isEqualTo(newFork);
        assertThat(timeflows.getString("items.find { it.ordinal == 2 }.reason")).isEqualTo("RECOVERY_FORK_CHANGED");
        assertThat(timeflows.getBoolean("items.find { it.ordinal == 2 }.current")).isTrue();
        String first = timeflows.getString("items.find { it.ordinal == 1 }.id");
        String second = timeflows.getString("items.find { it.ordinal == 2 }.id");
        assertThat(timeflows.getString("items.find { it.ordinal == 2 }.previousTimeflowId")).isEqualTo(first);

        // the empty first snapshot and the two of the first fork stay on timeflow 1
        Api.as("viewer").queryParam("timeflowId", first).get("/api/v1/snapshots").then().statusCode(200)
                .body("total", equalTo(3));
        Api.as("viewer").queryParam("timeflowId", second).get("/api/v1/snapshots").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(job.getString("snapshotId")));
        Api.as("viewer").get("/api/v1/timeflows/" + first).then().statusCode(200).body("snapshotCount", equalTo(3));
        assertThat(onFirst).isNotEqualTo(stillFirst);

        TimeflowCreated event = EventJson.read(TopicProbe.await(StagingStory.SNAPSHOT,
                r -> r.value().contains(second), Duration.ofSeconds(20)).value(), TimeflowCreated.class);
        assertThat(event.reason()).isEqualTo("RECOVERY_FORK_CHANGED");
        assertThat(event.recoveryForkGuid()).isEqualTo(newFork);
        assertThat(event.previousTimeflowId()).isEqualTo(first);
    }

    @Test
    void inOnlineModeTheDSourceFollowsASingleTimeflowWhateverTheFork() {
        StagingStory story = StagingStory.online().linked();
        story.restore(story.full());
        Api.snapsyncToEnd(story.dsourceId);
        story.newFork();
        story.restore(story.full());
        JsonPath job = Api.snapsyncToEnd(story.dsourceId);

        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(job.getString("steps.find { it.name == 'SELECT_TIMEFLOW' }.detail")).contains("single timeflow");
        Api.timeflows(story.dsourceId).body("items", hasSize(1));
        Api.snapshots(story.dsourceId).body("items", hasSize(3));
    }

    @Test
    void inOnlineModeOlderSnapshotsOfThePreviousForkMustBeDeletedBeforeProvisioningFromTheNewOne() {
        StagingStory story = StagingStory.online().linked();
        story.restore(story.full());
        String old = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
        story.newFork();
        story.restore(story.full());
        String fresh = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");

        Api.as("operator").body(Map.of("name", "vdb-" + fresh.substring(0, 8), "snapshotId", fresh,
                        "targetEnvironmentId", story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("OLDER_FORK_SNAPSHOTS_EXIST"))
                .body("context.snapshotIds", equalTo(java.util.List.of(old)));

        Api.as("operator").delete("/api/v1/snapshots/" + old).then().statusCode(204);
        Api.as("operator").body(Map.of("name", "vdb-" + fresh.substring(0, 8), "snapshotId", fresh,
                        "targetEnvironmentId", story.environmentId)).post("/api/v1/vdbs")
                .then().statusCode(201);
    }

    @Test
    void unknownTimeflowsAndDSourcesAreProblems() {
        Api.as("viewer").get("/api/v1/timeflows/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        Api.as("viewer").queryParam("dsourceId", java.util.UUID.randomUUID().toString()).get("/api/v1/timeflows")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_DSOURCE"));
        Api.as("viewer").queryParam("dsourceId", "nope").get("/api/v1/timeflows")
                .then().statusCode(400).body("errors[0].field", equalTo("dsourceId"));
    }
}
