package io.timeflow.snapshot.persistence;

import io.timeflow.snapshot.domain.Restore;
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

    public Optional<Restore> find(String id) {
        return Optional.ofNullable(em.find(Restore.class, id));
    }

    public void add(Restore restore) {
        em.persist(restore);
    }

    /** The completed restore applied last (in event order) for the dSource: its last restored backup. */
    public Optional<Restore> lastCompleted(UUID dsourceId) {
        return em.createQuery("""
                select r from Restore r where r.dsourceId = :d and r.status = :s
                order by r.completionSeq desc""", Restore.class)
                .setParameter("d", dsourceId).setParameter("s", Restore.Status.COMPLETED)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /** Restores still in progress for the dSource (reported before or after its link). */
    public List<Restore> inProgress(UUID dsourceId) {
        return em.createQuery("select r from Restore r where r.dsourceId = :d and r.status = :s", Restore.class)
                .setParameter("d", dsourceId).setParameter("s", Restore.Status.IN_PROGRESS).getResultList();
    }

    public long nextCompletionSeq() {
        return ((Number) em.createNativeQuery("select nextval('restore_completion_seq')").getSingleResult()).longValue();
    }
}
