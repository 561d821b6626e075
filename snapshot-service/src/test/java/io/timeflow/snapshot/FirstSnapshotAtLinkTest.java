package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.events.EventJson;
import io.timeflow.events.snapshot.SnapshotCreated;
import io.timeflow.events.snapshot.TimeflowCreated;
import io.timeflow.events.staging.BackupType;
import io.timeflow.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The staging-push rules: "The first snapshot is created as a part of dSource creation ... of an empty
 * database ... unless a source backup was restored via a pre-sync hook" (that case is in
 * SnapSyncHooksApiTest, through the agent). And: snapshots display the staging host's time zone.
 */
@QuarkusTest
class FirstSnapshotAtLinkTest {

    @Test
    void linkingADSourceStartsTimeflowOneAndTakesAFirstSnapshotOfTheEmptyDatabase() {
        StagingStory story = StagingStory.restoring().linked();

        JsonPath snapshots = Api.snapshots(story.dsourceId).body("items", hasSize(1)).extract().jsonPath();
        assertThat(snapshots.getBoolean("items[0].emptyDatabase")).isTrue();
        assertThat(snapshots.getString("items[0].backupSet")).isNull();
        Api.timeflows(story.dsourceId).body("items", hasSize(1)).body("items[0].name", equalTo("timeflow-1"))
                .body("items[0].reason", equalTo("LINKED")).body("items[0].current", equalTo(true));

        TopicProbe.Seen timeflow = TopicProbe.await(StagingStory.SNAPSHOT,
                r -> story.dsourceId.equals(r.key()) && "io.timeflow.snapshot.timeflow.created.v1".equals(r.type()),
                Duration.ofSeconds(20));
        assertThat(EventJson.read(timeflow.value(), TimeflowCreated.class).ordinal()).isEqualTo(1);
        TopicProbe.Seen created = TopicProbe.await(StagingStory.SNAPSHOT,
                r -> story.dsourceId.equals(r.key()) && "io.timeflow.snapshot.snapshot.created.v1".equals(r.type()),
                Duration.ofSeconds(20));
        SnapshotCreated event = EventJson.read(created.value(), SnapshotCreated.class);
        assertThat(event.trigger()).isEqualTo("LINK");
        assertThat(event.emptyDatabase()).isTrue();
        assertThat(event.snapshotId()).isEqualTo(snapshots.getString("items[0].id"));
    }

    @Test
    void aSnapshotIsShownInTheStagingHostsTimeZone() {
        StagingStory story = StagingStory.of(io.timeflow.events.staging.DatabaseStateMode.RESTORING, "Asia/Kolkata")
                .linked();
        JsonPath s = Api.snapshots(story.dsourceId).extract().jsonPath();
        Instant takenAt = Instant.parse(s.getString("items[0].takenAt"));
        OffsetDateTime local = OffsetDateTime.parse(s.getString("items[0].takenAtLocal"));
        assertThat(s.getString("items[0].timeZone")).isEqualTo("Asia/Kolkata");
        assertThat(local.getOffset()).isEqualTo(ZoneId.of("Asia/Kolkata").getRules().getOffset(takenAt));
        assertThat(local.toInstant()).isEqualTo(takenAt);
    }

    // A pre-sync hook at link runs through the agent: see SnapSyncHooksApiTest
    // .theFirstSnapshotOfADsourceWithAPreSyncHookHoldsTheBackupTheHookRestored (staging-service publishes a
    // dSource's restores only after its link, so the view never sees a restore before the link event).
}
