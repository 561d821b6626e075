package io.timeflow.snapshot.persistence;

import io.timeflow.snapshot.domain.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SnapshotRepository {

    private final EntityManager em;

    @Inject
    public SnapshotRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Snapshot> find(UUID id) {
        return Optional.ofNullable(em.find(Snapshot.class, id));
    }

    /** Finds and locks the snapshot: provisioning from it and deleting it are serialised. */
    public Optional<Snapshot> lock(UUID id) {
        return Optional.ofNullable(em.find(Snapshot.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(Snapshot snapshot) {
        em.persist(snapshot);
    }

    public void remove(Snapshot snapshot) {
        em.remove(snapshot);
    }

    /** The snapshot holding the backup of this key in the timeflow, if any. */
    public Optional<UUID> ofBackupInTimeflow(UUID timeflowId, String backupKey) {
        return em.createQuery("select s.id from Snapshot s where s.timeflowId = :t and s.backupKey = :k", UUID.class)
                .setParameter("t", timeflowId).setParameter("k", backupKey).getResultStream().findFirst();
    }

    public List<Snapshot> ofDsource(UUID dsourceId) {
        return em.createQuery("select s from Snapshot s where s.dsourceId = :d order by s.takenAt desc", Snapshot.class)
                .setParameter("d", dsourceId).getResultList();
    }

    public List<Snapshot> ofTimeflow(UUID timeflowId) {
        return em.createQuery("select s from Snapshot s where s.timeflowId = :t order by s.takenAt desc", Snapshot.class)
                .setParameter("t", timeflowId).getResultList();
    }

    public List<Snapshot> page(UUID dsourceId, UUID timeflowId, int offset, int limit) {
        return new Filter().eq("s.dsourceId", "d", dsourceId).eq("s.timeflowId", "t", timeflowId)
                .query(em, "select s from Snapshot s", "s.takenAt desc, s.id", Snapshot.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(UUID dsourceId, UUID timeflowId) {
        return new Filter().eq("s.dsourceId", "d", dsourceId).eq("s.timeflowId", "t", timeflowId)
                .query(em, "select count(s) from Snapshot s", null, Long.class).getSingleResult();
    }
}
