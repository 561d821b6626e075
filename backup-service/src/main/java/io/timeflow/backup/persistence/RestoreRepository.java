package io.timeflow.backup.persistence;

import io.timeflow.backup.domain.Restore;
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

    public Optional<Restore> find(UUID id) {
        return Optional.ofNullable(em.find(Restore.class, id));
    }

    public List<Restore> page(int offset, int limit) {
        return em.createQuery("select r from Restore r order by r.createdAt desc, r.id", Restore.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count() {
        return em.createQuery("select count(r) from Restore r", Long.class).getSingleResult();
    }

    public void add(Restore restore) {
        em.persist(restore);
    }
}
