package io.timeflow.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers which events a consumer has applied. Called in the same transaction as the event's
 * effect: if that transaction rolls back, the event counts as not applied and is applied on
 * redelivery; if it commits, a redelivery is skipped.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;

    @Inject
    public Inbox(EntityManager em) {
        this.em = em;
    }

    /** Records the event as applied by {@code consumer}; false when it already was (skip it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId, String eventType) {
        return em.createNativeQuery("""
                insert into inbox (consumer, event_id, event_type) values (?1, ?2, ?3)
                on conflict (consumer, event_id) do nothing""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .setParameter(3, eventType)
                .executeUpdate() == 1;
    }
}
