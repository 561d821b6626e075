package io.timeflow.snapshot.persistence;

import io.timeflow.snapshot.domain.Timeflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TimeflowRepository {

    private final EntityManager em;

    @Inject
    public TimeflowRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Timeflow> find(UUID id) {
        return Optional.ofNullable(em.find(Timeflow.class, id));
    }

    public Optional<Timeflow> current(UUID dsourceId) {
        return em.createQuery("select t from Timeflow t where t.dsourceId = :d and t.current = true", Timeflow.class)
                .setParameter("d", dsourceId).getResultStream().findFirst();
    }

    /** Adds a timeflow; the caller has superseded the previous current one (flushed first, one current per dSource). */
    public void add(Timeflow timeflow) {
        em.flush();
        em.persist(timeflow);
    }

    public List<Timeflow> page(UUID dsourceId, int offset, int limit) {
        return new Filter().eq("t.dsourceId", "d", dsourceId)
                .query(em, "select t from Timeflow t", "t.createdAt desc, t.ordinal desc", Timeflow.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(UUID dsourceId) {
        return new Filter().eq("t.dsourceId", "d", dsourceId)
                .query(em, "select count(t) from Timeflow t", null, Long.class).getSingleResult();
    }

    public long snapshotCount(UUID timeflowId) {
        return em.createQuery("select count(s) from Snapshot s where s.timeflowId = :t", Long.class)
                .setParameter("t", timeflowId).getSingleResult();
    }
}
