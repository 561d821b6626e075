package io.timeflow.staging.persistence;

import io.timeflow.staging.domain.Environment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EnvironmentRepository {

    private final EntityManager em;

    @Inject
    public EnvironmentRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Environment> find(UUID id) {
        return Optional.ofNullable(em.find(Environment.class, id));
    }

    /** The environment, its row locked until the transaction ends (changes to one environment are serialised). */
    public Optional<Environment> lock(UUID id) {
        return Optional.ofNullable(em.find(Environment.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    /** Whether another environment than {@code except} has this name (case-insensitive). */
    public boolean nameTakenByOther(String name, UUID except) {
        return !em.createQuery("select e.id from Environment e where lower(e.name) = lower(:name) and e.id <> :id")
                .setParameter("name", name)
                .setParameter("id", except)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    public void remove(Environment environment) {
        em.remove(environment);
    }

    public Optional<Environment> findByName(String name) {
        return em.createQuery("select e from Environment e where lower(e.name) = lower(:name)", Environment.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    public boolean nameTaken(String name) {
        return !em.createQuery("select e.id from Environment e where lower(e.name) = lower(:name)")
                .setParameter("name", name)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    public List<Environment> page(int offset, int limit) {
        return em.createQuery("select e from Environment e order by lower(e.name), e.id", Environment.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count() {
        return em.createQuery("select count(e) from Environment e", Long.class).getSingleResult();
    }

    public void add(Environment environment) {
        em.persist(environment);
    }
}
