package io.timeflow.staging.persistence;

import io.timeflow.staging.domain.Restore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RestoreRepository {

    private final EntityManager em;

    @Inject
    public RestoreRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Restore> find(UUID id) {
        return Optional.ofNullable(em.find(Restore.class, id));
    }

    /**
     * The dSource's restore in progress. The status is a literal in this query and in {@link #startConflicts}, so
     * that the plan PostgreSQL keeps for the prepared statement reads the partial index
     * {@code restore_one_in_progress}; with the status as a parameter that plan read the whole table (measured with
     * {@code plan_cache_mode = force_generic_plan} on 1,508 restores: 0.23 ms against 0.01 ms), and PostgreSQL
     * planned the statement anew at each execution instead (ADR 0167).
     */
    public Optional<Restore> inProgress(UUID dsourceId) {
        return em.createQuery("select r from Restore r where r.dsourceId = :d and r.status = IN_PROGRESS", Restore.class)
                .setParameter("d", dsourceId)
                .getResultStream().findFirst();
    }

    /**
     * What a new restore of a dSource must not meet, in one query: the restore with {@code id} if one was reported
     * (into any dSource), and the dSource's restore in progress if there is one (one row when they are the same).
     */
    public StartConflicts startConflicts(UUID id, UUID dsourceId) {
        Restore reported = null;
        Restore running = null;
        for (Restore r : em.createQuery(
                        "select r from Restore r where r.id = :id or (r.dsourceId = :d and r.status = IN_PROGRESS)",
                        Restore.class)
                .setParameter("id", id)
                .setParameter("d", dsourceId)
                .getResultList()) {
            if (r.id().equals(id)) {
                reported = r;
            }
            if (r.dsourceId().equals(dsourceId) && r.status() == Restore.Status.IN_PROGRESS) {
                running = r;
            }
        }
        return new StartConflicts(Optional.ofNullable(reported), Optional.ofNullable(running));
    }

    /** See {@link #startConflicts}. */
    public record StartConflicts(Optional<Restore> reported, Optional<Restore> inProgress) {
    }

    /** The history of a dSource's restores, newest first; {@code status} null for all. */
    public List<Restore> page(UUID dsourceId, Restore.Status status, int offset, int limit) {
        var q = em.createQuery("select r from Restore r where r.dsourceId = :d"
                + (status == null ? "" : " and r.status = :s") + " order by r.number desc", Restore.class)
                .setParameter("d", dsourceId);
        if (status != null) {
            q.setParameter("s", status);
        }
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(UUID dsourceId, Restore.Status status) {
        var q = em.createQuery("select count(r) from Restore r where r.dsourceId = :d"
                + (status == null ? "" : " and r.status = :s"), Long.class).setParameter("d", dsourceId);
        if (status != null) {
            q.setParameter("s", status);
        }
        return q.getSingleResult();
    }

    public void add(Restore restore) {
        em.persist(restore);
    }
}
