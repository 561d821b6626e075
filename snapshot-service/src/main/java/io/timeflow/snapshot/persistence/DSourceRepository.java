package io.timeflow.snapshot.persistence;

import io.timeflow.snapshot.domain.DSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class DSourceRepository {

    private final EntityManager em;

    @Inject
    public DSourceRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<DSource> find(UUID id) {
        return Optional.ofNullable(em.find(DSource.class, id));
    }

    /** Finds the dSource and locks its row: changes to one dSource (and its SnapSyncs) are serialised. */
    public Optional<DSource> lock(UUID id) {
        return Optional.ofNullable(em.find(DSource.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(DSource dsource) {
        em.persist(dsource);
    }

    public Set<String> activeFaultCodes(UUID dsourceId) {
        @SuppressWarnings("unchecked")
        List<String> codes = em.createNativeQuery("select code from dsource_fault where dsource_id = ?1")
                .setParameter(1, dsourceId).getResultList();
        return new HashSet<>(codes);
    }

    public void raiseFault(UUID dsourceId, String faultId, String code, String severity, String message, Instant at) {
        em.createNativeQuery("""
                insert into dsource_fault (dsource_id, fault_id, code, severity, message, raised_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (dsource_id, fault_id) do update set code = excluded.code, severity = excluded.severity,
                    message = excluded.message, raised_at = excluded.raised_at""")
                .setParameter(1, dsourceId).setParameter(2, faultId).setParameter(3, code)
                .setParameter(4, severity).setParameter(5, message).setParameter(6, at)
                .executeUpdate();
    }

    public void resolveFault(UUID dsourceId, String faultId) {
        em.createNativeQuery("delete from dsource_fault where dsource_id = ?1 and fault_id = ?2")
                .setParameter(1, dsourceId).setParameter(2, faultId).executeUpdate();
    }
}
