package io.timeflow.backup.persistence;

import io.timeflow.backup.domain.SuiteRestore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SuiteRestoreRepository {

    private final EntityManager em;

    @Inject
    public SuiteRestoreRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<SuiteRestore> find(UUID id) {
        return Optional.ofNullable(em.find(SuiteRestore.class, id));
    }

    public List<SuiteRestore> page(int offset, int limit) {
        return em.createQuery("select r from SuiteRestore r order by r.createdAt desc, r.id", SuiteRestore.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count() {
        return em.createQuery("select count(r) from SuiteRestore r", Long.class).getSingleResult();
    }

    public void add(SuiteRestore restore) {
        em.persist(restore);
    }
}
