package io.timeflow.chaos;

import io.timeflow.events.EventCatalog;
import io.timeflow.events.staging.StagingEvents;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * No event lost or applied twice by any consumer: every event a committed change announced (its
 * outbox row) was published to its topic, and for each consuming view the events of its topic it
 * must apply are exactly the events its inbox recorded as applied (an inbox row is written in the
 * transaction of the effect, once per event: inbox rows = events). Records the relay sent twice
 * share their event id and count once.
 */
public final class EveryEventConsumedOnce implements Invariant {

    /**
     * A consuming view: the service (its schema) whose inbox it writes, its name in the inbox, the
     * topic it reads, and which of the topic's events it applies (and records).
     */
    public record Consumer(String schema, String name, String topic, Predicate<String> applies) {
    }

    private static final Set<String> API_KEY_TYPES = Set.of(StagingEvents.API_KEY_CREATED.name(),
            StagingEvents.API_KEY_REVOKED.name());

    /** Every consumer of the suite (the services' {@code @Incoming} channels and the platform's api-keys view). */
    public static final List<Consumer> CONSUMERS = List.of(
            new Consumer("snapshot", "snapshot-service.staging-events", "timeflow.staging.v1", EveryEventConsumedOnce::known),
            new Consumer("snapshot", "snapshot-service.plugin-events", "timeflow.plugin.v1", EveryEventConsumedOnce::known),
            new Consumer("staging", "staging-service.plugin-events", "timeflow.plugin.v1", EveryEventConsumedOnce::known),
            new Consumer("staging", "staging-service.snapshot-events", "timeflow.snapshot.v1", EveryEventConsumedOnce::known),
            new Consumer("staging", "api-keys", "timeflow.staging.v1", API_KEY_TYPES::contains),
            new Consumer("snapshot", "api-keys", "timeflow.staging.v1", API_KEY_TYPES::contains),
            new Consumer("plugin", "api-keys", "timeflow.staging.v1", API_KEY_TYPES::contains),
            new Consumer("backup", "api-keys", "timeflow.staging.v1", API_KEY_TYPES::contains));

    private final List<Consumer> consumers;

    public EveryEventConsumedOnce() {
        this(CONSUMERS);
    }

    EveryEventConsumedOnce(List<Consumer> consumers) {
        this.consumers = consumers;
    }

    static boolean known(String type) {
        return EventCatalog.byName(type).isPresent();
    }

    @Override
    public String name() {
        return "every event consumed once";
    }

    @Override
    public Verdict check(History history, FinalState state) {
        Findings f = new Findings();
        Map<String, Set<String>> onTopic = new HashMap<>();
        Map<String, FinalState.EventRecord> firstRecord = new HashMap<>();
        for (FinalState.EventRecord e : state.events()) {
            onTopic.computeIfAbsent(e.topic(), t -> new HashSet<>()).add(e.id());
            firstRecord.putIfAbsent(e.id(), e);
        }
        for (FinalState.OutboxRow o : state.outbox()) {
            f.checked(1);
            if (!o.published() || !onTopic.getOrDefault(o.topic(), Set.of()).contains(o.eventId())) {
                f.add("event " + o.eventId() + " (" + o.type() + ") of a change " + o.schema() + "-service committed "
                        + (o.published() ? "is marked published but is not on " : "was never published to ") + o.topic(),
                        o.eventId());
            }
        }
        Map<String, Set<String>> applied = new HashMap<>();
        for (FinalState.InboxRow r : state.inbox()) {
            applied.computeIfAbsent(r.schema() + "/" + r.consumer(), k -> new HashSet<>()).add(r.eventId());
        }
        for (Consumer c : consumers) {
            Set<String> due = new LinkedHashSet<>();
            for (FinalState.EventRecord e : state.events()) {
                if (e.topic().equals(c.topic()) && c.applies().test(e.type())) {
                    due.add(e.id());
                }
            }
            Set<String> done = applied.getOrDefault(c.schema() + "/" + c.name(), Set.of());
            f.checked(due.size());
            for (String id : due) {
                if (!done.contains(id)) {
                    FinalState.EventRecord e = firstRecord.get(id);
                    f.add(c.schema() + "-service's consumer " + c.name() + " never applied event " + id + " (" + e.type()
                            + ", " + c.topic() + " partition " + e.partition() + " offset " + e.offset() + ", key "
                            + e.key() + ")", id, e.key());
                }
            }
            for (String id : done) {
                if (!due.contains(id)) {
                    f.add(c.schema() + "-service's consumer " + c.name() + " recorded event " + id
                            + " as applied, but " + c.topic() + " holds no such event for it", id);
                }
            }
        }
        return f.verdict(name());
    }
}
