package io.timeflow.plugin.persistence;

import io.timeflow.platform.jobs.JobState;
import io.timeflow.plugin.domain.Upgrade;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UpgradeRepository {

    private final EntityManager em;

    @Inject
    public UpgradeRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Upgrade> find(UUID id) {
        return Optional.ofNullable(em.find(Upgrade.class, id));
    }

    public Optional<Upgrade> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(Upgrade.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<Upgrade> page(String pluginId, int offset, int limit) {
        return em.createQuery("select u from Upgrade u where u.pluginId = :plugin order by u.createdAt desc, u.id",
                        Upgrade.class)
                .setParameter("plugin", pluginId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(String pluginId) {
        return em.createQuery("select count(u) from Upgrade u where u.pluginId = :plugin", Long.class)
                .setParameter("plugin", pluginId)
                .getSingleResult();
    }

    /** Upgrades that had not ended (found at start, after a restart). */
    public List<Upgrade> unfinished() {
        return em.createQuery("select u from Upgrade u where u.state in :states", Upgrade.class)
                .setParameter("states", List.of(JobState.PENDING, JobState.RUNNING))
                .getResultList();
    }

    /**
     * Records progress without touching the row's version: the lanes of one upgrade report it side by
     * side, and counts only grow.
     */
    public void progress(UUID id, long done, long failed) {
        em.createNativeQuery("""
                        update upgrade set objects_done = greatest(objects_done, ?2),
                                           objects_failed = greatest(objects_failed, ?3)
                        where id = ?1""")
                .setParameter(1, id)
                .setParameter(2, done)
                .setParameter(3, failed)
                .executeUpdate();
    }

    public void add(Upgrade upgrade) {
        em.persist(upgrade);
    }

    public void flush() {
        em.flush();
    }
}
