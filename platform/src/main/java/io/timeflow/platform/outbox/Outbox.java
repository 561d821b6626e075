package io.timeflow.platform.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.timeflow.events.EventCatalog;
import io.timeflow.events.EventJson;
import io.timeflow.events.EventType;
import io.timeflow.events.TimeflowEvent;
import io.timeflow.platform.history.ChangeHistory;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Writes events to the outbox table in the caller's transaction, so that an event exists if and
 * only if the change it announces was committed. The {@link OutboxRelay} publishes them.
 *
 * <p>Each event also becomes a row of the aggregate's {@link ChangeHistory}, in the same transaction.
 *
 * <p>Events about one aggregate are published in the order they were written, provided the changes
 * to that aggregate are serialised (a row lock or a version check on the aggregate).
 */
@ApplicationScoped
public class Outbox {

    /** Fixed number of relay buckets; must match the rows of {@code outbox_bucket}. */
    static final int BUCKETS = 16;

    private final EntityManager em;
    private final CurrentActor currentActor;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxSignal signal;

    @Inject
    public Outbox(EntityManager em, CurrentActor currentActor, TransactionSynchronizationRegistry transactions,
            OutboxSignal signal) {
        this.em = em;
        this.currentActor = currentActor;
        this.transactions = transactions;
        this.signal = signal;
    }

    /** Records the event in the current transaction, made by the current request's caller. Returns its {@code ce_id}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(TimeflowEvent event) {
        return publish(event, currentActor.get());
    }

    /** Records the event in the current transaction, made by the given actor. Returns its {@code ce_id}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(TimeflowEvent event, Actor actor) {
        EventType<?> type = EventCatalog.of(event.getClass());
        String key = event.aggregateId();
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(type.name() + " has no aggregate id");
        }
        UUID id = UUID.randomUUID();
        // one statement for the event and its history row (a data-modifying WITH runs whether or not it is read):
        // one round trip to PostgreSQL and one flush of the session instead of two per event (ADR 0166)
        em.createNativeQuery("""
                with event as (
                    insert into outbox (event_id, topic, event_type, aggregate_type, aggregate_id, bucket, payload,
                                        trace_parent, actor, actor_role, actor_credential)
                    values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), ?8, ?9, ?10, ?11))
                insert into change_history (aggregate_type, aggregate_id, action, summary, event_id, event_type,
                                            actor, actor_role, actor_credential)
                values (?4, ?5, ?12, ?13, ?1, ?3, ?9, ?10, ?11)
                """)
                .setParameter(1, id)
                .setParameter(2, type.topic().topicName())
                .setParameter(3, type.name())
                .setParameter(4, type.aggregateType())
                .setParameter(5, key)
                .setParameter(6, bucketOf(key))
                .setParameter(7, EventJson.write(event))
                .setParameter(8, traceParent())
                .setParameter(9, actor.subject())
                .setParameter(10, actor.role())
                .setParameter(11, actor.credentialId())
                // the resource's history keeps who made the change (the outbox row is pruned once published)
                .setParameter(12, ChangeHistory.actionOf(type.name()))
                .setParameter(13, type.description())
                .executeUpdate();
        wakeRelayAfterCommit();
        return id;
    }

    static short bucketOf(String aggregateId) {
        return (short) Math.floorMod(aggregateId.hashCode(), BUCKETS);
    }

    private static String traceParent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    private void wakeRelayAfterCommit() {
        signal.wakeAfterCommit(transactions);
    }
}
