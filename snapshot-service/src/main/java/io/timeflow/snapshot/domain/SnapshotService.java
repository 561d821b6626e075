package io.timeflow.snapshot.domain;

import io.timeflow.events.snapshot.SnapshotDeleted;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.upgrades.PluginUpgradeGuard;
import io.timeflow.snapshot.persistence.DSourceRepository;
import io.timeflow.snapshot.persistence.SnapshotRepository;
import io.timeflow.snapshot.persistence.TimeflowRepository;
import io.timeflow.snapshot.persistence.VdbRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Reads snapshots and timeflows, and deletes a snapshot no VDB depends on. */
@ApplicationScoped
public class SnapshotService {

    private static final Logger LOG = Logger.getLogger(SnapshotService.class);

    private final SnapshotRepository snapshots;
    private final TimeflowRepository timeflows;
    private final DSourceRepository dsources;
    private final VdbRepository vdbs;
    private final PluginUpgradeGuard upgrades;
    private final Outbox outbox;
    private final Clock clock;

    @Inject
    public SnapshotService(SnapshotRepository snapshots, TimeflowRepository timeflows, DSourceRepository dsources,
            VdbRepository vdbs, PluginUpgradeGuard upgrades, Outbox outbox, Clock clock) {
        this.upgrades = upgrades;
        this.snapshots = snapshots;
        this.timeflows = timeflows;
        this.dsources = dsources;
        this.vdbs = vdbs;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Snapshot get(UUID id) {
        return snapshots.find(id).orElseThrow(() -> ProblemException.notFound("snapshot", id));
    }

    /** A page of snapshots, newest first, of one dSource and/or timeflow (each filter must name a known one). */
    @Transactional
    public List<Snapshot> page(UUID dsourceId, UUID timeflowId, int offset, int limit) {
        checkFilters(dsourceId, timeflowId);
        return snapshots.page(dsourceId, timeflowId, offset, limit);
    }

    @Transactional
    public long count(UUID dsourceId, UUID timeflowId) {
        return snapshots.count(dsourceId, timeflowId);
    }

    @Transactional
    public Timeflow timeflow(UUID id) {
        return timeflows.find(id).orElseThrow(() -> ProblemException.notFound("timeflow", id));
    }

    @Transactional
    public List<Timeflow> timeflows(UUID dsourceId, int offset, int limit) {
        checkFilters(dsourceId, null);
        return timeflows.page(dsourceId, offset, limit);
    }

    @Transactional
    public long timeflowCount(UUID dsourceId) {
        return timeflows.count(dsourceId);
    }

    @Transactional
    public long snapshotCount(UUID timeflowId) {
        return timeflows.snapshotCount(timeflowId);
    }

    /** The names of the VDBs that depend on the snapshot. */
    @Transactional
    public List<String> dependants(UUID snapshotId) {
        return vdbs.dependantsOf(snapshotId).stream().map(Vdb::name).toList();
    }

    /**
     * Deletes the snapshot; refused with 409 {@code SNAPSHOT_HAS_DEPENDANTS}, naming them, while VDBs
     * depend on it. The row lock on the snapshot keeps a provisioning from slipping in between.
     */
    @Transactional
    public void delete(UUID id, Actor actor) {
        Snapshot s = snapshots.lock(id).orElseThrow(() -> ProblemException.notFound("snapshot", id));
        dsources.find(s.dsourceId()).ifPresent(d -> upgrades.assertNotUpgrading(d.pluginId(),
                "deleting a snapshot of dSource " + d.name()));
        List<Vdb> dependants = vdbs.dependantsOf(id);
        if (!dependants.isEmpty()) {
            List<String> names = dependants.stream().map(Vdb::name).toList();
            throw ProblemException.of(SnapshotProblem.SNAPSHOT_HAS_DEPENDANTS, "snapshot " + id
                            + " cannot be deleted: VDBs depend on it: " + String.join(", ", names))
                    .with("vdbs", dependants.stream().map(v -> Map.of("id", v.id().toString(), "name", v.name()))
                            .toList());
        }
        Instant now = clock.instant();
        snapshots.remove(s);
        outbox.publish(new SnapshotDeleted(s.dsourceId().toString(), s.id().toString(), s.timeflowId().toString(),
                "USER_REQUEST", "deleted by " + actor.subject(), now), actor);
        LOG.infof("snapshot %s of dSource %s deleted by %s", id, s.dsourceId(), actor.subject());
    }

    private void checkFilters(UUID dsourceId, UUID timeflowId) {
        if (dsourceId != null && dsources.find(dsourceId).isEmpty()) {
            throw SnapSyncService.unknownDsource("dsourceId");
        }
        if (timeflowId != null && timeflows.find(timeflowId).isEmpty()) {
            throw new ProblemException(SnapshotProblem.UNKNOWN_TIMEFLOW,
                    "timeflowId names no known timeflow",
                    List.of(new io.timeflow.platform.problem.Problem.FieldError("timeflowId", "names no known timeflow")),
                    Map.of());
        }
    }
}
