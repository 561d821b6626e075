package io.timeflow.snapshot.persistence;

import io.timeflow.snapshot.domain.SyncPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SyncPolicyRepository {

    private final EntityManager em;

    @Inject
    public SyncPolicyRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<SyncPolicy> find(UUID id) {
        return Optional.ofNullable(em.find(SyncPolicy.class, id));
    }

    public Optional<SyncPolicy> lock(UUID id) {
        return Optional.ofNullable(em.find(SyncPolicy.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(SyncPolicy policy) {
        em.persist(policy);
    }

    public void remove(SyncPolicy policy) {
        em.remove(policy);
        em.flush();
    }

    public boolean nameTaken(String name, UUID except) {
        return !em.createQuery("select p.id from SyncPolicy p where lower(p.name) = lower(:n)", UUID.class)
                .setParameter("n", name.trim()).getResultStream()
                .filter(id -> !id.equals(except)).toList().isEmpty();
    }

    public List<SyncPolicy> page(int offset, int limit) {
        return em.createQuery("select p from SyncPolicy p order by lower(p.name), p.id", SyncPolicy.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count() {
        return em.createQuery("select count(p) from SyncPolicy p", Long.class).getSingleResult();
    }

    public List<SyncPolicy> all() {
        return em.createQuery("select p from SyncPolicy p", SyncPolicy.class).getResultList();
    }

    /** The dSources following the policy, in the order they were assigned. */
    public List<UUID> dsourcesOf(UUID policyId) {
        return em.createNativeQuery(
                        "select dsource_id from sync_policy_assignment where policy_id = ?1 order by assigned_at, dsource_id",
                        UUID.class)
                .setParameter(1, policyId).getResultList().stream().map(UUID.class::cast).toList();
    }

    public Optional<UUID> policyOf(UUID dsourceId) {
        return em.createNativeQuery("select policy_id from sync_policy_assignment where dsource_id = ?1", UUID.class)
                .setParameter(1, dsourceId).getResultList().stream().map(UUID.class::cast).findFirst();
    }

    /** Makes the dSource follow the policy (replacing the one it followed). */
    public void assign(UUID dsourceId, UUID policyId, Instant at) {
        em.createNativeQuery("""
                insert into sync_policy_assignment (dsource_id, policy_id, assigned_at) values (?1, ?2, ?3)
                on conflict (dsource_id) do update set policy_id = excluded.policy_id, assigned_at = excluded.assigned_at""")
                .setParameter(1, dsourceId).setParameter(2, policyId).setParameter(3, at).executeUpdate();
    }

    /** True when the dSource followed the policy. */
    public boolean unassign(UUID dsourceId, UUID policyId) {
        return em.createNativeQuery("delete from sync_policy_assignment where dsource_id = ?1 and policy_id = ?2")
                .setParameter(1, dsourceId).setParameter(2, policyId).executeUpdate() == 1;
    }

    public void unassignAll(UUID dsourceId) {
        em.createNativeQuery("delete from sync_policy_assignment where dsource_id = ?1")
                .setParameter(1, dsourceId).executeUpdate();
    }

    /**
     * Records a scheduled run of the policy; false when that scheduled time was already run (by this
     * or another replica), in which case the caller does nothing.
     */
    public boolean recordRun(UUID policyId, Instant scheduledFor, String firedBy, Instant firedAt) {
        return em.createNativeQuery("""
                insert into sync_policy_run (policy_id, scheduled_for, fired_by, fired_at) values (?1, ?2, ?3, ?4)
                on conflict (policy_id, scheduled_for) do nothing""")
                .setParameter(1, policyId).setParameter(2, scheduledFor).setParameter(3, firedBy)
                .setParameter(4, firedAt).executeUpdate() == 1;
    }

    public Optional<Instant> lastRun(UUID policyId) {
        return em.createNativeQuery("select max(scheduled_for) from sync_policy_run where policy_id = ?1", Instant.class)
                .setParameter(1, policyId).getResultList().stream().filter(java.util.Objects::nonNull)
                .map(Instant.class::cast).findFirst();
    }
}
