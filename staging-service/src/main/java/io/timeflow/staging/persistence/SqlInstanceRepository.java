package io.timeflow.staging.persistence;

import io.timeflow.staging.domain.SqlInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SqlInstanceRepository {

    private final EntityManager em;

    @Inject
    public SqlInstanceRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<SqlInstance> find(UUID id) {
        return Optional.ofNullable(em.find(SqlInstance.class, id));
    }

    public boolean nameTaken(UUID environmentId, String name) {
        return !em.createQuery("select i.id from SqlInstance i where i.environmentId = :env and lower(i.name) = lower(:name)")
                .setParameter("env", environmentId)
                .setParameter("name", name)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    public List<SqlInstance> ofEnvironment(UUID environmentId) {
        return em.createQuery("select i from SqlInstance i where i.environmentId = :env order by lower(i.name), i.id",
                        SqlInstance.class)
                .setParameter("env", environmentId)
                .getResultList();
    }

    public void add(SqlInstance instance) {
        em.persist(instance);
    }

    public void remove(SqlInstance instance) {
        em.remove(instance);
    }
}
