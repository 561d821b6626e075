package io.timeflow.staging.persistence;

import io.timeflow.staging.domain.Agent;
import io.timeflow.staging.domain.AgentTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The agents of staging hosts, their tasks, and the SnapSync policies snapshot-service announced. */
@ApplicationScoped
public class AgentRepository {

    private final EntityManager em;

    @Inject
    public AgentRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Agent> find(String name) {
        return Optional.ofNullable(em.find(Agent.class, name));
    }

    public Optional<Agent> lock(String name) {
        return Optional.ofNullable(em.find(Agent.class, name, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(Agent agent) {
        em.persist(agent);
    }

    public List<Agent> all() {
        return em.createQuery("select a from Agent a order by a.name", Agent.class).getResultList();
    }

    /** Whether an agent of the environment asked for work since {@code since}. */
    public boolean alive(UUID environmentId, Instant since) {
        return !em.createQuery("select a.name from Agent a where a.environmentId = :e and a.lastSeenAt >= :since")
                .setParameter("e", environmentId).setParameter("since", since).setMaxResults(1)
                .getResultList().isEmpty();
    }

    // ---- tasks

    public Optional<AgentTask> task(UUID id) {
        return Optional.ofNullable(em.find(AgentTask.class, id));
    }

    public Optional<AgentTask> lockTask(UUID id) {
        return Optional.ofNullable(em.find(AgentTask.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<UUID> dsourceOfTask(UUID id) {
        return em.createQuery("select t.dsourceId from AgentTask t where t.id = :id", UUID.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    public void addTask(AgentTask task) {
        em.persist(task);
    }

    /** The oldest PENDING task of the environment, locked so that two agents never take the same one. */
    public Optional<UUID> nextTask(UUID environmentId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                select id from agent_task
                where state = 'PENDING' and environment_id = ?1
                order by created_at
                limit 1
                for update skip locked""", UUID.class)
                .setParameter(1, environmentId)
                .getResultList();
        return ids.stream().findFirst();
    }

    /** Tasks of the environment claimed under a lease that expired. */
    public List<UUID> expiredTasks(UUID environmentId, Instant now) {
        return em.createQuery("select t.id from AgentTask t where t.environmentId = :e and t.state = :s "
                        + "and t.leaseExpiresAt < :now", UUID.class)
                .setParameter("e", environmentId).setParameter("s", AgentTask.State.CLAIMED).setParameter("now", now)
                .getResultList();
    }

    // ---- SnapSync policies known from timeflow.snapshot.v1

    public void policyCreated(UUID policyId, String name, Instant at) {
        em.createNativeQuery("insert into sync_policy_ref (policy_id, name, created_at) values (?1, ?2, ?3) "
                        + "on conflict (policy_id) do update set name = excluded.name")
                .setParameter(1, policyId).setParameter(2, name).setParameter(3, at).executeUpdate();
    }

    public void policyDeleted(UUID policyId) {
        em.createNativeQuery("delete from sync_policy_ref where policy_id = ?1").setParameter(1, policyId)
                .executeUpdate();
    }

    public boolean policyKnown(UUID policyId) {
        return !em.createNativeQuery("select 1 from sync_policy_ref where policy_id = ?1").setParameter(1, policyId)
                .getResultList().isEmpty();
    }
}
