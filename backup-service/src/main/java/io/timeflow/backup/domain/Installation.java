package io.timeflow.backup.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * This installation's identity (the {@code installation} row of backup-service's schema, made by its
 * migration and never part of a backup): the catalogue names it on each backup whose archive this
 * installation's store holds (ADR 0091).
 */
@ApplicationScoped
public class Installation {

    private final EntityManager em;
    private volatile UUID id;

    @Inject
    public Installation(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public UUID id() {
        UUID known = id;
        if (known == null) {
            known = (UUID) em.createNativeQuery("select installation_id from installation").getSingleResult();
            id = known;
        }
        return known;
    }
}
