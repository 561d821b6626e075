package io.timeflow.snapshot.persistence;

import io.timeflow.snapshot.domain.ReportedRestore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ReportedRestoreRepository {

    private final EntityManager em;

    @Inject
    public ReportedRestoreRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<ReportedRestore> find(String id) {
        return Optional.ofNullable(em.find(ReportedRestore.class, id));
    }

    public void add(ReportedRestore restore) {
        em.persist(restore);
    }

    /**
     * The completed restore applied last (in event order) for the dSource: its last restored backup. The status is a
     * literal in the query, so that the plan PostgreSQL keeps for the prepared statement reads the partial index
     * {@code restore_last_completed}; with a parameter it could not, and PostgreSQL planned the statement anew at
     * each execution (ADR 0167).
     */
    public Optional<ReportedRestore> lastCompleted(UUID dsourceId) {
        return em.createQuery("""
                select r from ReportedRestore r where r.dsourceId = :d and r.status = COMPLETED
                order by r.completionSeq desc""", ReportedRestore.class)
                .setParameter("d", dsourceId)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /**
     * Restores still in progress for the dSource (reported before or after its link). The status is a literal, so that
     * the kept plan reads the partial index {@code restore_in_progress} (ADR 0167).
     */
    public List<ReportedRestore> inProgress(UUID dsourceId) {
        return em.createQuery("select r from ReportedRestore r where r.dsourceId = :d and r.status = IN_PROGRESS",
                ReportedRestore.class).setParameter("d", dsourceId).getResultList();
    }

    public long nextCompletionSeq() {
        return ((Number) em.createNativeQuery("select nextval('restore_completion_seq')").getSingleResult()).longValue();
    }
}
