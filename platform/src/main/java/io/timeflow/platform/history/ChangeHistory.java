package io.timeflow.platform.history;

import io.timeflow.platform.security.Actor;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The history of every resource of this service ({@code change_history}, platform migration V0_5):
 * {@link io.timeflow.platform.outbox.Outbox#publish} writes a row for each event in the transaction
 * of the change; {@link #record} covers a change no event announces. Rows are kept.
 */
@ApplicationScoped
public class ChangeHistory {

    private final EntityManager em;
    private final CurrentActor currentActor;

    @Inject
    public ChangeHistory(EntityManager em, CurrentActor currentActor) {
        this.em = em;
        this.currentActor = currentActor;
    }

    /** Records a change that no event announces, made by the current caller, in the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String aggregateType, String aggregateId, String action, String summary) {
        write(aggregateType, aggregateId, action, summary, null, null, currentActor.get());
    }

    /** A row of the history; the outbox writes the rows of published events itself, with their event (ADR 0166). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(String aggregateType, String aggregateId, String action, String summary, UUID eventId,
            String eventType, Actor actor) {
        em.createNativeQuery("""
                insert into change_history (aggregate_type, aggregate_id, action, summary, event_id, event_type,
                                            actor, actor_role, actor_credential)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .setParameter(1, aggregateType)
                .setParameter(2, aggregateId)
                .setParameter(3, action)
                .setParameter(4, summary)
                .setParameter(5, eventId)
                .setParameter(6, eventType)
                .setParameter(7, actor.subject())
                .setParameter(8, actor.role())
                .setParameter(9, actor.credentialId())
                .executeUpdate();
    }

    /**
     * A page of one resource's history, oldest first. When it has none, {@code assertExists} decides
     * between an empty history and a 404 (it throws for a resource that does not exist); the history
     * of a deleted resource stays readable.
     */
    public io.timeflow.platform.api.Page<ChangeRecord> page(String aggregateType, Object aggregateId, int offset,
            int limit, Runnable assertExists) {
        String id = aggregateId.toString();
        long total = count(aggregateType, id);
        if (total == 0) {
            assertExists.run();
        }
        return new io.timeflow.platform.api.Page<>(of(aggregateType, id, offset, limit), offset, limit, total);
    }

    /** The changes of one resource, oldest first. */
    @Transactional
    public List<ChangeRecord> of(String aggregateType, String aggregateId, int offset, int limit) {
        List<?> rows = em.createNativeQuery("""
                select action, summary, actor, actor_role, actor_credential, event_id, event_type, occurred_at
                from change_history where aggregate_type = ?1 and aggregate_id = ?2
                order by id limit ?3 offset ?4""")
                .setParameter(1, aggregateType).setParameter(2, aggregateId)
                .setParameter(3, limit).setParameter(4, offset)
                .getResultList();
        return rows.stream().map(r -> {
            Object[] c = (Object[]) r;
            return new ChangeRecord((String) c[0], (String) c[1], (String) c[2], (String) c[3], (String) c[4],
                    (UUID) c[5], (String) c[6], instant(c[7]));
        }).toList();
    }

    @Transactional
    public long count(String aggregateType, String aggregateId) {
        return ((Number) em.createNativeQuery(
                        "select count(*) from change_history where aggregate_type = ?1 and aggregate_id = ?2")
                .setParameter(1, aggregateType).setParameter(2, aggregateId).getSingleResult()).longValue();
    }

    /** {@code io.timeflow.staging.dsource.linked.v1} → {@code dsource.linked}. */
    public static String actionOf(String eventType) {
        String[] parts = eventType.split("\\.");
        if (parts.length < 6) {
            return eventType;
        }
        return String.join(".", java.util.Arrays.copyOfRange(parts, 3, parts.length - 1));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case Timestamp t -> t.toInstant();
            case OffsetDateTime o -> o.toInstant();
            default -> throw new IllegalStateException("unexpected time type " + value.getClass());
        };
    }
}
