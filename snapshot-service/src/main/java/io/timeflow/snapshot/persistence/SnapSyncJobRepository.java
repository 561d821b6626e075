package io.timeflow.snapshot.persistence;

import io.timeflow.platform.jobs.JobState;
import io.timeflow.snapshot.domain.SnapSyncJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SnapSyncJobRepository {

    private final EntityManager em;

    @Inject
    public SnapSyncJobRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<SnapSyncJob> find(UUID id) {
        return Optional.ofNullable(em.find(SnapSyncJob.class, id));
    }

    /** The dSource of a job, read without loading the job (so that the dSource can be locked first). */
    public Optional<UUID> dsourceOf(UUID id) {
        return em.createQuery("select j.dsourceId from SnapSyncJob j where j.id = :id", UUID.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    public Optional<SnapSyncJob> lock(UUID id) {
        return Optional.ofNullable(em.find(SnapSyncJob.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(SnapSyncJob job) {
        em.persist(job);
        em.flush();
    }

    /** The SnapSync under way (PENDING or RUNNING) for the dSource, if any. */
    public Optional<SnapSyncJob> active(UUID dsourceId) {
        return em.createQuery("select j from SnapSyncJob j where j.dsourceId = :d and j.state in :states",
                        SnapSyncJob.class)
                .setParameter("d", dsourceId)
                .setParameter("states", List.of(JobState.PENDING, JobState.RUNNING))
                .getResultStream().findFirst();
    }

    /**
     * The jobs a replica may claim, oldest first: PENDING ones, and RUNNING ones not waiting at a stage (whose
     * runner may have died: the caller asks their lease), that no other transaction holds. The rows stay locked
     * until the caller commits.
     */
    public List<UUID> claimable(int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                select id from snapsync_job
                where state = 'PENDING' or (state = 'RUNNING' and stage is null)
                order by created_at
                limit ?1
                for update skip locked""", UUID.class)
                .setParameter(1, limit)
                .getResultList();
        return ids;
    }

    /**
     * The oldest job waiting for an agent to run a hook (no lease on it) on a dSource of one of the
     * environments, locked ({@code FOR UPDATE SKIP LOCKED}) until the caller commits.
     */
    public Optional<UUID> claimHook(List<String> environmentIds) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                select j.id from snapsync_job j join dsource d on d.id = j.dsource_id
                where j.state = 'RUNNING' and j.stage in ('PRE_SYNC_HOOK', 'POST_SYNC_HOOK')
                  and j.hook_lease_id is null and d.environment_id in (?1)
                order by j.stage_since
                limit 1
                for update of j skip locked""", UUID.class)
                .setParameter(1, environmentIds)
                .getResultList();
        return ids.stream().findFirst();
    }

    /** Jobs waiting at a stage whose wait may be over: an expired lease, a hook nobody took, a restore to learn. */
    public List<UUID> waiting(Instant now, Instant unclaimedBefore) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                select id from snapsync_job
                where state = 'RUNNING' and (
                      (stage in ('PRE_SYNC_HOOK', 'POST_SYNC_HOOK') and hook_lease_expires_at < ?1)
                   or (stage in ('PRE_SYNC_HOOK', 'POST_SYNC_HOOK') and hook_lease_id is null and stage_since < ?2)
                   or stage = 'AWAIT_RESTORE')
                order by stage_since
                limit 50""", UUID.class)
                .setParameter(1, now)
                .setParameter(2, unclaimedBefore)
                .getResultList();
        return ids;
    }

    public List<SnapSyncJob> pendingOf(UUID dsourceId) {
        return em.createQuery("select j from SnapSyncJob j where j.dsourceId = :d and j.state = :s", SnapSyncJob.class)
                .setParameter("d", dsourceId).setParameter("s", JobState.PENDING).getResultList();
    }

    public List<SnapSyncJob> page(UUID dsourceId, JobState state, int offset, int limit) {
        return new Filter().eq("j.dsourceId", "d", dsourceId).eq("j.state", "s", state)
                .query(em, "select j from SnapSyncJob j", "j.createdAt desc, j.id", SnapSyncJob.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(UUID dsourceId, JobState state) {
        return new Filter().eq("j.dsourceId", "d", dsourceId).eq("j.state", "s", state)
                .query(em, "select count(j) from SnapSyncJob j", null, Long.class).getSingleResult();
    }
}
