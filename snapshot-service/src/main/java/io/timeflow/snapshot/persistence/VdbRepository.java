package io.timeflow.snapshot.persistence;

import io.timeflow.snapshot.domain.Vdb;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class VdbRepository {

    private final EntityManager em;

    @Inject
    public VdbRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Vdb> find(UUID id) {
        return Optional.ofNullable(em.find(Vdb.class, id));
    }

    public Optional<Vdb> lock(UUID id) {
        return Optional.ofNullable(em.find(Vdb.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(Vdb vdb) {
        em.persist(vdb);
    }

    public void remove(Vdb vdb) {
        em.remove(vdb);
    }

    public boolean nameTaken(String name) {
        return em.createQuery("select count(v) from Vdb v where lower(v.name) = lower(:n)", Long.class)
                .setParameter("n", name.trim()).getSingleResult() > 0;
    }

    /** The VDBs that depend on the snapshot, by name. */
    public List<Vdb> dependantsOf(UUID snapshotId) {
        return em.createQuery("select v from Vdb v where v.snapshotId = :s order by lower(v.name)", Vdb.class)
                .setParameter("s", snapshotId).getResultList();
    }

    public List<Vdb> page(UUID dsourceId, UUID snapshotId, int offset, int limit) {
        return new Filter().eq("v.dsourceId", "d", dsourceId).eq("v.snapshotId", "s", snapshotId)
                .query(em, "select v from Vdb v", "lower(v.name), v.id", Vdb.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(UUID dsourceId, UUID snapshotId) {
        return new Filter().eq("v.dsourceId", "d", dsourceId).eq("v.snapshotId", "s", snapshotId)
                .query(em, "select count(v) from Vdb v", null, Long.class).getSingleResult();
    }
}
