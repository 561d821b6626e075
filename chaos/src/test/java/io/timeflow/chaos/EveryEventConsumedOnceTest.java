package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.events.plugin.PluginEvents;
import io.timeflow.events.staging.StagingEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checker of "no event lost or applied twice by any consumer (inbox rows = events)". */
class EveryEventConsumedOnceTest {

    private static final List<EveryEventConsumedOnce.Consumer> CONSUMERS = List.of(
            new EveryEventConsumedOnce.Consumer("snapshot", "snapshot-service.staging-events", "timeflow.staging.v1",
                    EveryEventConsumedOnce::known),
            new EveryEventConsumedOnce.Consumer("plugin", "api-keys", "timeflow.staging.v1",
                    t -> t.equals(StagingEvents.API_KEY_CREATED.name())));

    private final List<FinalState.EventRecord> events = new ArrayList<>();
    private final List<FinalState.InboxRow> inbox = new ArrayList<>();
    private final List<FinalState.OutboxRow> outbox = new ArrayList<>();

    private Invariant.Verdict check() {
        FinalState state = new FinalState(List.of(), List.of(), List.of(), List.of(), List.of(), null, events, inbox,
                outbox, List.of());
        return new EveryEventConsumedOnce(CONSUMERS).check(new History(), state);
    }

    private String event(String topic, String type) {
        String id = UUID.randomUUID().toString();
        events.add(new FinalState.EventRecord(topic, 0, events.size(), id, type, "key-" + id.substring(0, 4),
                Instant.now(), "{}"));
        outbox.add(new FinalState.OutboxRow("staging", id, topic, type, true));
        return id;
    }

    private void applied(String schema, String consumer, String id) {
        inbox.add(new FinalState.InboxRow(schema, consumer, id, Instant.now()));
    }

    @Test
    void everyEventAppliedOnceByEachOfItsConsumersHolds() {
        String restore = event("timeflow.staging.v1", StagingEvents.RESTORE_COMPLETED.name());
        String key = event("timeflow.staging.v1", StagingEvents.API_KEY_CREATED.name());
        applied("snapshot", "snapshot-service.staging-events", restore);
        applied("snapshot", "snapshot-service.staging-events", key);
        applied("plugin", "api-keys", key);

        Invariant.Verdict v = check();

        assertThat(v.violations()).isEmpty();
        assertThat(v.checked()).isEqualTo(2 + 2 + 1);
    }

    @Test
    void anEventAConsumerNeverAppliedIsLost() {
        String restore = event("timeflow.staging.v1", StagingEvents.RESTORE_COMPLETED.name());

        assertThat(check().violations()).singleElement().satisfies(v -> {
            assertThat(v.what()).contains("never applied event " + restore).contains("snapshot-service.staging-events");
            assertThat(v.keys()).contains(restore);
        });
    }

    @Test
    void anInboxRowForAnEventThatIsNotOnTheTopicIsAViolation() {
        String phantom = UUID.randomUUID().toString();
        applied("snapshot", "snapshot-service.staging-events", phantom);

        assertThat(check().violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains(phantom).contains("holds no such event"));
    }

    @Test
    void aCommittedChangeWhoseEventNeverReachedTheTopicIsAViolation() {
        outbox.add(new FinalState.OutboxRow("plugin", UUID.randomUUID().toString(), "timeflow.plugin.v1",
                PluginEvents.UPGRADE_SUCCEEDED.name(), false));

        assertThat(check().violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains("was never published"));
    }

    @Test
    void aRecordTheRelaySentTwiceIsOneEventAppliedOnce() {
        String restore = event("timeflow.staging.v1", StagingEvents.RESTORE_STARTED.name());
        events.add(new FinalState.EventRecord("timeflow.staging.v1", 0, 7, restore,
                StagingEvents.RESTORE_STARTED.name(), "k", Instant.now(), "{}"));
        applied("snapshot", "snapshot-service.staging-events", restore);

        assertThat(check().violations()).isEmpty();
    }

    @Test
    void aConsumerOfSomeTypesOnlyOwesOnlyThose() {
        String restore = event("timeflow.staging.v1", StagingEvents.RESTORE_STARTED.name());
        applied("snapshot", "snapshot-service.staging-events", restore);
        // plugin-service's api-keys view owes nothing for a restore event

        assertThat(check().violations()).isEmpty();
    }
}
