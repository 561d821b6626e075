package io.timeflow.backup.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The single row that says which backup or restore runs (whether its replica is alive is its lease's business:
 * {@link io.timeflow.backup.domain.OperationLock}).
 */
@ApplicationScoped
public class OperationLockRepository {

    /** The operation holding the lock; {@code heartbeatAt}: when its replica last said it works on it. */
    public record Holder(String kind, UUID jobId, String holder, Instant acquiredAt, Instant heartbeatAt) {
    }

    private final EntityManager em;

    @Inject
    public OperationLockRepository(EntityManager em) {
        this.em = em;
    }

    /** Locks the row (if any) for the rest of the transaction and reads it. */
    public Optional<Holder> current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select kind, job_id, holder, acquired_at, heartbeat_at
                from operation_lock where id = 1 for update""")
                .getResultList();
        return rows.stream().findFirst().map(r -> new Holder((String) r[0], (UUID) r[1], (String) r[2],
                instant(r[3]), instant(r[4])));
    }

    /** Takes the free lock; false when another transaction took it first. */
    public boolean insert(String kind, UUID jobId, String holder) {
        return em.createNativeQuery("""
                insert into operation_lock (id, kind, job_id, holder, acquired_at, heartbeat_at)
                values (1, ?1, ?2, ?3, now(), now()) on conflict (id) do nothing""")
                .setParameter(1, kind).setParameter(2, jobId).setParameter(3, holder)
                .executeUpdate() == 1;
    }

    public void release(UUID jobId) {
        em.createNativeQuery("delete from operation_lock where job_id = ?1").setParameter(1, jobId).executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return null;
    }
}
