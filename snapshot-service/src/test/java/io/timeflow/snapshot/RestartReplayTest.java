package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.staging.DatabaseState;
import io.timeflow.snapshot.messaging.StagingEventsConsumer;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * After a restart the view is neither rebuilt twice nor missing anything: every event of a dSource's
 * story delivered again (same ce_id) changes nothing — no second first snapshot, timeflow, restore or
 * event on timeflow.snapshot.v1 — whether it comes through the broker again or a new consumer group
 * reads the topic from the start; and an event published after that is applied.
 */
@QuarkusTest
class RestartReplayTest {

    @Inject
    StagingEventsConsumer consumer;

    @Test
    void replayingADSourcesWholeStoryAppliesNothingTwiceAndMissesNothing() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        String snapshotId = Api.snapsyncToEnd(story.dsourceId).getString("snapshotId");
        story.restore(story.log());
        story.databaseState(DatabaseState.RESTORING, true, true);
        String fault = story.faultRaised("CANNOT_MONITOR");
        story.faultResolved(fault, "CANNOT_MONITOR");
        story.disabled();
        story.enabled();
        Map<String, Long> before = state(story);

        // 1. the broker delivers the whole story again (a consumer restarted before committing offsets)
        for (Map<String, String> told : story.told) {
            StagingStory.redeliver(told);
        }
        // 2. a replica with a new consumer group reads the whole topic from the start, all of it in one poll (applied
        //    in batches of timeflow.inbox.batch-size events, each batch in one transaction)
        List<TopicProbe.Seen> all = TopicProbe.readAll(StagingStory.STAGING).stream()
                .filter(r -> story.dsourceId.equals(r.key()) || story.environmentId.equals(r.key())).toList();
        assertThat(all.size()).isGreaterThanOrEqualTo(story.told.size() * 2);
        Map<TopicPartition, List<ConsumerRecord<String, String>>> poll = new LinkedHashMap<>();
        for (TopicProbe.Seen seen : all) {
            poll.computeIfAbsent(new TopicPartition(seen.topic(), seen.partition()), p -> new ArrayList<>())
                    .add(record(seen));
        }
        consumer.consume(new ConsumerRecords<>(poll, Map.of()));
        // then something new happens in staging, after the restart
        String latest = story.restore(story.log());

        Map<String, Long> after = state(story);
        assertThat(after.get("restores")).as("the new restore is in the view").isEqualTo(before.get("restores") + 1);
        after.remove("restores");
        before.remove("restores");
        assertThat(after).as("nothing else applied twice").isEqualTo(before);
        for (Map<String, String> told : story.told) {
            assertThat(StagingStory.count("select count(*) from inbox where consumer = ? and event_id = ?",
                    "snapshot-service.staging-events", told.get(CloudEventHeaders.ID))).isEqualTo(1);
        }
        assertThat(StagingStory.count("select count(*) from restore where id = ? and status = 'COMPLETED'", latest))
                .isEqualTo(1);
        JsonPathHolder.check(story, snapshotId);
    }

    /** The view still decides as before: the newest backup is new, so a SnapSync takes it on the same timeflow. */
    static final class JsonPathHolder {
        static void check(StagingStory story, String previousSnapshot) {
            var job = Api.snapsyncToEnd(story.dsourceId);
            assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(job.getString("snapshotId")).isNotEqualTo(previousSnapshot);
            Api.timeflows(story.dsourceId).body("total", org.hamcrest.Matchers.equalTo(1));
        }
    }

    private static Map<String, Long> state(StagingStory story) throws Exception {
        UUID id = UUID.fromString(story.dsourceId);
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("snapshots", StagingStory.count("select count(*) from snapshot where dsource_id = ?", id));
        s.put("timeflows", StagingStory.count("select count(*) from timeflow where dsource_id = ?", id));
        s.put("jobs", StagingStory.count("select count(*) from snapsync_job where dsource_id = ?", id));
        s.put("restores", StagingStory.count("select count(*) from restore where dsource_id = ?", id));
        s.put("faults", StagingStory.count("select count(*) from dsource_fault where dsource_id = ?", id));
        s.put("events published", StagingStory.count("select count(*) from outbox where aggregate_id = ?",
                story.dsourceId));
        s.put("enabled", StagingStory.count("select count(*) from dsource where id = ? and enabled and linked", id));
        return s;
    }

    private static ConsumerRecord<String, String> record(TopicProbe.Seen seen) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>(seen.topic(), seen.partition(), seen.offset(),
                seen.key(), seen.value());
        seen.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }
}
