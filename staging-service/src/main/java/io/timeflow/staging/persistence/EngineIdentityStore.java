package io.timeflow.staging.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The one row holding this engine's id. */
@ApplicationScoped
public class EngineIdentityStore {

    private final EntityManager em;

    @Inject
    public EngineIdentityStore(EntityManager em) {
        this.em = em;
    }

    public Optional<UUID> stored() {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select engine_id from engine_identity").getResultList();
        return rows.stream().findFirst().map(v -> v instanceof UUID u ? u : UUID.fromString(v.toString()));
    }

    /** Stores the id unless one is stored already (another replica may have been first); returns the stored one. */
    public UUID storeIfAbsent(UUID candidate) {
        em.createNativeQuery("insert into engine_identity (engine_id) values (?1) on conflict (singleton) do nothing")
                .setParameter(1, candidate)
                .executeUpdate();
        return stored().orElseThrow();
    }
}
