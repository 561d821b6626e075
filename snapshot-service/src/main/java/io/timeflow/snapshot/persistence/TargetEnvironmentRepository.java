package io.timeflow.snapshot.persistence;

import io.timeflow.snapshot.domain.TargetEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TargetEnvironmentRepository {

    private final EntityManager em;

    @Inject
    public TargetEnvironmentRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<TargetEnvironment> find(UUID id) {
        return Optional.ofNullable(em.find(TargetEnvironment.class, id));
    }

    public List<TargetEnvironment> page(int offset, int limit) {
        return em.createQuery("select e from TargetEnvironment e order by lower(e.name), e.id", TargetEnvironment.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count() {
        return em.createQuery("select count(e) from TargetEnvironment e", Long.class).getSingleResult();
    }

    public void add(TargetEnvironment environment) {
        em.persist(environment);
    }
}
