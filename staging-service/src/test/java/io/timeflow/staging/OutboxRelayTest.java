package io.timeflow.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.EventJson;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.outbox.HeldOutboxRelay;
import io.timeflow.platform.outbox.OutboxRelay;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox's promises, against the real database and broker: nothing is published for a change
 * that rolled back; an event survives a relay that dies between sending and marking (it is sent
 * again); events about one aggregate reach the topic in the order they were written, also with
 * two relays working at once.
 */
@QuarkusTest
class OutboxRelayTest {

    static final String TOPIC = "timeflow.staging.v1";

    @Inject
    Outbox outbox;

    @Inject
    HeldOutboxRelay relay;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void resumeRelay() {
        relay.resume();
    }

    static EnvironmentRegistered event(String aggregateId, String name) {
        return new EnvironmentRegistered(aggregateId, name, "host", "LINUX", "UTC", "/opt/delphix", Instant.now());
    }

    @Test
    void aRolledBackTransactionPublishesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(event(key, "rolled-back"));
            throw new IllegalStateException("the change fails after its event was written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(rowsFor(key)).isZero();
        // a later event on the same key is published; the rolled-back one never appears before it
        String marker = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(event(marker, "marker")));
        List<TopicProbe.Seen> seen = TopicProbe.readUntil(TOPIC, r -> marker.equals(r.key()), Duration.ofSeconds(20));
        assertThat(seen).extracting(TopicProbe.Seen::key).contains(marker).doesNotContain(key);
    }

    @Test
    void anEventSurvivesARelayThatDiesAfterSendingAndBeforeMarking() throws Exception {
        relay.pause();
        String key = UUID.randomUUID().toString();
        UUID eventId = QuarkusTransaction.requiringNew().call(() -> outbox.publish(event(key, "survivor")));

        assertThatThrownBy(() -> relay.byHand(rows -> {
            throw new IllegalStateException("the relay process dies here");
        })).hasMessageContaining("dies here");
        assertThat(unpublished(key)).as("the row stays unpublished").isEqualTo(1);
        assertThat(TopicProbe.await(TOPIC, r -> key.equals(r.key()), Duration.ofSeconds(20)).id())
                .as("it was sent before the crash").isEqualTo(eventId.toString());

        while (relay.byHand(OutboxRelay.AfterSend.NONE) > 0) {
            // drain what the paused relay left
        }
        assertThat(unpublished(key)).as("marked once sent again").isZero();
        List<TopicProbe.Seen> copies = TopicProbe.readAll(TOPIC).stream().filter(r -> key.equals(r.key())).toList();
        assertThat(copies).hasSize(2).extracting(TopicProbe.Seen::id).containsOnly(eventId.toString());
    }

    @Test
    void eventsAboutOneAggregateArriveInTheOrderTheyWereWrittenEvenWithTwoRelays() throws Exception {
        relay.pause();
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            keys.add(UUID.randomUUID().toString());
        }
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (String key : keys) {
                String name = key + "#" + i;
                written.add(name);
                QuarkusTransaction.requiringNew().run(() -> outbox.publish(event(key, name)));
            }
        }
        // two relays (as two replicas would) drain the outbox at the same time
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> relays = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            relays.add(pool.submit(() -> {
                int total = 0;
                int idle = 0;
                while (idle < 3) {
                    int n = relay.byHand(OutboxRelay.AfterSend.NONE);
                    total += n;
                    idle = n == 0 ? idle + 1 : 0;
                }
                return total;
            }));
        }
        int published = 0;
        for (Future<Integer> f : relays) {
            published += f.get();
        }
        pool.shutdown();
        assertThat(published).isGreaterThanOrEqualTo(written.size());

        java.util.Set<String> wanted = new java.util.HashSet<>(keys);
        java.util.Map<String, Integer> perKey = new java.util.HashMap<>();
        List<TopicProbe.Seen> seen = TopicProbe.readUntil(TOPIC, r -> {
            if (wanted.contains(r.key()) && perKey.merge(r.key(), 1, Integer::sum) == 40) {
                wanted.remove(r.key());
            }
            return wanted.isEmpty();
        }, Duration.ofSeconds(30));
        for (String key : keys) {
            List<String> order = seen.stream().filter(r -> key.equals(r.key()))
                    .map(r -> EventJson.read(r.value(), EnvironmentRegistered.class).name())
                    .collect(Collectors.toList());
            List<String> expected = written.stream().filter(n -> n.startsWith(key + "#")).toList();
            assertThat(order).as("order of %s", key).containsExactlyElementsOf(expected);
        }
    }

    private long rowsFor(String key) throws Exception {
        return count("select count(*) from outbox where aggregate_id = ?", key);
    }

    private long unpublished(String key) throws Exception {
        return count("select count(*) from outbox where aggregate_id = ? and published_at is null", key);
    }

    private long count(String sql, String key) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
