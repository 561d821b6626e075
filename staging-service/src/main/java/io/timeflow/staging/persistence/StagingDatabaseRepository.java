package io.timeflow.staging.persistence;

import io.timeflow.staging.domain.StagingDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class StagingDatabaseRepository {

    private final EntityManager em;

    @Inject
    public StagingDatabaseRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<StagingDatabase> find(UUID dsourceId) {
        return Optional.ofNullable(em.find(StagingDatabase.class, dsourceId));
    }

    public void add(StagingDatabase observed) {
        em.persist(observed);
    }
}
