package io.timeflow.staging.domain;

import io.timeflow.events.snapshot.SyncPolicyCreated;
import io.timeflow.events.snapshot.SyncPolicyDeleted;
import io.timeflow.events.snapshot.VdbDeleted;
import io.timeflow.events.snapshot.VdbProvisioned;
import io.timeflow.events.snapshot.VdbRefreshed;
import io.timeflow.staging.persistence.AgentRepository;
import io.timeflow.staging.persistence.VdbDependantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * What staging-service keeps of snapshot-service's facts (from timeflow.snapshot.v1, each in the consumer's
 * transaction): the VDBs provisioned from a dSource's snapshots, which keep it from being deleted, and the SnapSync
 * policies a dSource may name.
 */
@ApplicationScoped
public class SnapshotFacts {

    private final VdbDependantRepository vdbs;
    private final AgentRepository agents;

    @Inject
    public SnapshotFacts(VdbDependantRepository vdbs, AgentRepository agents) {
        this.vdbs = vdbs;
        this.agents = agents;
    }

    /** A VDB was provisioned from one of a dSource's snapshots (from timeflow.snapshot.v1, in the consumer's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void vdbProvisioned(VdbProvisioned event) {
        vdbs.provisioned(UUID.fromString(event.vdbId()), UUID.fromString(event.dsourceId()), event.name(),
                event.snapshotId(), event.provisionedAt());
    }

    /** A VDB was deleted (from timeflow.snapshot.v1, in the consumer's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void vdbDeleted(VdbDeleted event) {
        vdbs.deleted(UUID.fromString(event.vdbId()));
    }

    /** A VDB moved to another snapshot of the same dSource (from timeflow.snapshot.v1). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void vdbRefreshed(VdbRefreshed event) {
        vdbs.refreshed(UUID.fromString(event.vdbId()), event.snapshotId());
    }

    /** snapshot-service created a SnapSync policy (from timeflow.snapshot.v1, in the consumer's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void policyCreated(SyncPolicyCreated event) {
        agents.policyCreated(UUID.fromString(event.policyId()), event.name(), event.createdAt());
    }

    /** snapshot-service deleted a SnapSync policy. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void policyDeleted(SyncPolicyDeleted event) {
        agents.policyDeleted(UUID.fromString(event.policyId()));
    }
}
