package io.timeflow.backup.persistence;

import io.timeflow.backup.domain.Backup;
import io.timeflow.backup.domain.Trigger;
import io.timeflow.platform.jobs.JobState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class BackupRepository {

    private final EntityManager em;

    @Inject
    public BackupRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Backup> find(UUID id) {
        return Optional.ofNullable(em.find(Backup.class, id));
    }

    public Optional<Backup> lock(UUID id) {
        return Optional.ofNullable(em.find(Backup.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<Backup> page(Trigger trigger, JobState state, int offset, int limit) {
        return em.createQuery("""
                select b from Backup b where (:trigger is null or b.trigger = :trigger)
                and (:state is null or b.state = :state) order by b.createdAt desc, b.id""", Backup.class)
                .setParameter("trigger", trigger).setParameter("state", state)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Trigger trigger, JobState state) {
        return em.createQuery("""
                select count(b) from Backup b where (:trigger is null or b.trigger = :trigger)
                and (:state is null or b.state = :state)""", Long.class)
                .setParameter("trigger", trigger).setParameter("state", state).getSingleResult();
    }

    /** Scheduled backups whose archive is stored, for retention. */
    public List<Backup> storedScheduled() {
        return em.createQuery("select b from Backup b where b.trigger = :t and b.state = :s", Backup.class)
                .setParameter("t", Trigger.SCHEDULED).setParameter("s", JobState.SUCCEEDED).getResultList();
    }

    /** The backup a scheduled fire made, if one did. */
    public Optional<Backup> forScheduledFire(java.time.Instant fireTime) {
        return em.createQuery("select b from Backup b where b.trigger = :t and b.scheduledFireTime = :f", Backup.class)
                .setParameter("t", Trigger.SCHEDULED).setParameter("f", fireTime).getResultStream().findFirst();
    }

    public void add(Backup backup) {
        em.persist(backup);
    }

    public void remove(Backup backup) {
        em.remove(backup);
    }
}
