package io.timeflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventJson;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.platform.config.TimeflowConfig;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The records of one poll applied in batches (ADR 161). Unit test: the transactions and the inbox are stand-ins that
 * keep what a transaction wrote apart until it returns and drop it when it throws, as a database would; the records
 * carry real CloudEvents headers and payloads of the catalogue. The same path against the real database and broker is
 * snapshot-service's RestartReplayTest (a whole story delivered again in one poll) and StagingEventsConsumerTest.
 */
@Timeout(30)
class EventApplierBatchTest {

    private static final String TOPIC = "timeflow.staging.v1";
    private static final String TYPE = "io.timeflow.staging.environment.registered.v1";

    /** What committed transactions wrote: the handlers' effects in order, and the inbox's event ids. */
    private final List<String> applied = new ArrayList<>();
    private final Set<String> inboxRows = new HashSet<>();
    private final List<String> pendingEffects = new ArrayList<>();
    private final Set<String> pendingRows = new HashSet<>();
    private int transactions;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    private EventApplier applier(int batchSize, int maxAttempts) {
        Inbox inbox = new Inbox(null) {
            @Override
            public boolean firstDelivery(String consumer, String eventId, String eventType) {
                if (inboxRows.contains(eventId) || pendingRows.contains(eventId)) {
                    return false;
                }
                pendingRows.add(eventId);
                return true;
            }
        };
        EventApplier.Transactions tx = new EventApplier.Transactions() {
            @Override
            public <T> T inNew(Supplier<T> work) {
                transactions++;
                try {
                    T result = work.get();
                    applied.addAll(pendingEffects);
                    inboxRows.addAll(pendingRows);
                    return result;
                } finally {
                    pendingEffects.clear();
                    pendingRows.clear();
                }
            }
        };
        return new EventApplier(inbox, config(batchSize, maxAttempts), metrics, tx);
    }

    @Test
    void aPollIsAppliedInOrderInTransactionsOfAtMostTheBatchSize() {
        int ran = applier(2, 3).applyAll("view", poll("e1", "e2", "e3", "e4", "e5"), this::record);

        assertThat(ran).isEqualTo(5);
        assertThat(applied).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(transactions).as("transactions for 5 events in batches of 2").isEqualTo(3);
        assertThat(counted("applied")).isEqualTo(5);
    }

    @Test
    void anEventDeliveredTwiceInOnePollOrAgainLaterIsAppliedOnce() {
        EventApplier applier = applier(50, 3);
        applier.applyAll("view", poll("e1", "e2", "e1", "e3"), this::record);
        int again = applier.applyAll("view", poll("e2", "e3"), this::record);

        assertThat(applied).containsExactly("e1", "e2", "e3");
        assertThat(again).isZero();
        assertThat(counted("duplicate")).isEqualTo(3);
    }

    @Test
    void aBatchThatFailsIsAppliedAgainOneByOneAndNothingTwice() {
        // e3's first attempt fails (the database went away for a moment): the batch of five rolls back
        Set<String> failedOnce = new HashSet<>();
        int ran = applier(50, 3).applyAll("view", poll("e1", "e2", "e3", "e4", "e5"), (envelope, event) -> {
            if (envelope.id().equals("e3") && failedOnce.add("e3")) {
                throw new IllegalStateException("connection reset");
            }
            record(envelope, event);
        });

        assertThat(ran).isEqualTo(5);
        assertThat(applied).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(transactions).as("the batch, then one per event").isEqualTo(6);
    }

    @Test
    void anEventThatCannotBeAppliedStopsTheConsumerAfterTheEventsBeforeIt() {
        List<String> attempts = new ArrayList<>();
        assertThatThrownBy(() -> applier(50, 3).applyAll("view", poll("e1", "e2", "e3", "e4"), (envelope, event) -> {
            if (envelope.id().equals("e3")) {
                attempts.add("e3");
                throw new IllegalStateException("violates check constraint");
            }
            record(envelope, event);
        })).hasMessage("violates check constraint");

        assertThat(applied).as("applied before the consumer stopped").containsExactly("e1", "e2");
        assertThat(inboxRows).containsExactlyInAnyOrder("e1", "e2");
        assertThat(attempts).as("in the batch, then its three attempts alone").hasSize(4);
        assertThat(counted("failed")).isEqualTo(1);
    }

    @Test
    void aPayloadThisVersionCannotReadStopsTheConsumerAfterTheEventsBeforeIt() {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> records = new LinkedHashMap<>();
        records.put(new TopicPartition(TOPIC, 0), List.of(record("e1", 0), record("e2", 1),
                record("e3", 2, "{\"environmentId\": [\"not a string\"]}"), record("e4", 3)));

        assertThatThrownBy(() -> applier(50, 3).applyAll("view", new ConsumerRecords<>(records, Map.of()),
                this::record)).hasMessageStartingWith("cannot read event e3");
        assertThat(applied).containsExactly("e1", "e2");
    }

    @Test
    void recordsWithoutCloudEventsHeadersAreSkipped() {
        ConsumerRecord<String, String> bare = new ConsumerRecord<>(TOPIC, 0, 1, "k", "{}");
        Map<TopicPartition, List<ConsumerRecord<String, String>>> records = new LinkedHashMap<>();
        records.put(new TopicPartition(TOPIC, 0), List.of(record("e1", 0), bare, record("e2", 2)));

        int ran = applier(50, 3).applyAll("view", new ConsumerRecords<>(records, Map.of()), this::record);

        assertThat(ran).isEqualTo(2);
        assertThat(applied).containsExactly("e1", "e2");
    }

    private void record(IncomingEvent envelope, Object event) {
        assertThat(event).isInstanceOf(EnvironmentRegistered.class);
        pendingEffects.add(envelope.id());
    }

    private double counted(String outcome) {
        var counter = metrics.find("timeflow.inbox.events").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** One poll of one partition with events of these ids, in this order. */
    private static ConsumerRecords<String, String> poll(String... ids) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            list.add(record(ids[i], i));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, 0), list), Map.of());
    }

    private static ConsumerRecord<String, String> record(String id, long offset) {
        return record(id, offset, EventJson.write(new EnvironmentRegistered("env-" + id, "paris-stage", "sqlstage-02",
                "WINDOWS", "Europe/Paris", "C:\\Delphix", Instant.parse("2026-12-07T03:00:00Z"))));
    }

    private static ConsumerRecord<String, String> record(String id, long offset, String payload) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>(TOPIC, 0, offset, "env-" + id, payload);
        r.headers().add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.TYPE, TYPE.getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.SOURCE, "/timeflow/staging-service".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** The two settings the applier reads; any other is not called here. */
    private static TimeflowConfig config(int batchSize, int maxAttempts) {
        TimeflowConfig.Inbox inbox = (TimeflowConfig.Inbox) Proxy.newProxyInstance(
                EventApplierBatchTest.class.getClassLoader(), new Class<?>[] {TimeflowConfig.Inbox.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "batchSize" -> batchSize;
                    case "maxAttempts" -> maxAttempts;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (TimeflowConfig) Proxy.newProxyInstance(EventApplierBatchTest.class.getClassLoader(),
                new Class<?>[] {TimeflowConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("inbox")) {
                        return inbox;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
