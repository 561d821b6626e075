package io.timeflow.staging.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The VDBs that depend on each dSource's snapshots, known from snapshot-service's events. */
@ApplicationScoped
public class VdbDependantRepository {

    /** A VDB depending on a dSource. */
    public record VdbDependant(UUID vdbId, String name) {
    }

    private final EntityManager em;

    @Inject
    public VdbDependantRepository(EntityManager em) {
        this.em = em;
    }

    public void provisioned(UUID vdbId, UUID dsourceId, String name, String snapshotId, Instant at) {
        em.createNativeQuery("""
                insert into vdb_dependant (vdb_id, dsource_id, name, snapshot_id, provisioned_at)
                values (?1, ?2, ?3, ?4, ?5) on conflict (vdb_id) do nothing""")
                .setParameter(1, vdbId).setParameter(2, dsourceId).setParameter(3, name)
                .setParameter(4, snapshotId).setParameter(5, at)
                .executeUpdate();
    }

    public void refreshed(UUID vdbId, String snapshotId) {
        em.createNativeQuery("update vdb_dependant set snapshot_id = ?2 where vdb_id = ?1")
                .setParameter(1, vdbId).setParameter(2, snapshotId).executeUpdate();
    }

    public void deleted(UUID vdbId) {
        em.createNativeQuery("delete from vdb_dependant where vdb_id = ?1").setParameter(1, vdbId).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<VdbDependant> of(UUID dsourceId) {
        List<Object[]> rows = em.createNativeQuery(
                "select vdb_id, name from vdb_dependant where dsource_id = ?1 order by name, vdb_id")
                .setParameter(1, dsourceId)
                .getResultList();
        return rows.stream().map(r -> new VdbDependant((UUID) r[0], (String) r[1])).toList();
    }
}
