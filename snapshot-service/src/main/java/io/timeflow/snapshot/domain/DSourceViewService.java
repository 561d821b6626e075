package io.timeflow.snapshot.domain;

import io.timeflow.events.snapshot.SnapshotDeleted;
import io.timeflow.events.staging.DSourceAttached;
import io.timeflow.events.staging.DSourceDeleted;
import io.timeflow.events.staging.DSourceDetached;
import io.timeflow.events.staging.DSourceDisabled;
import io.timeflow.events.staging.DSourceEnabled;
import io.timeflow.events.staging.DSourceEvent;
import io.timeflow.events.staging.DSourceLinked;
import io.timeflow.events.staging.DSourceUpdated;
import io.timeflow.events.staging.DatabaseStateChanged;
import io.timeflow.events.staging.FaultRaised;
import io.timeflow.events.staging.FaultResolved;
import io.timeflow.events.staging.MountStateChanged;
import io.timeflow.events.staging.RestoreCompleted;
import io.timeflow.events.staging.RestoreFailed;
import io.timeflow.events.staging.RestoreStarted;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.security.Actor;
import io.timeflow.snapshot.domain.rules.SnapSyncDecision.Trigger;
import io.timeflow.snapshot.persistence.DSourceRepository;
import io.timeflow.snapshot.persistence.ReportedRestoreRepository;
import io.timeflow.snapshot.persistence.SnapSyncJobRepository;
import io.timeflow.snapshot.persistence.SnapshotRepository;
import io.timeflow.snapshot.persistence.SyncPolicyRepository;
import io.timeflow.snapshot.persistence.TargetEnvironmentRepository;
import io.timeflow.snapshot.persistence.VdbRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps snapshot-service's view of dSources and restores from {@code timeflow.staging.v1}. Each
 * handler runs inside the consumer's transaction, once per event id (the inbox), and in the order
 * staging-service published the events of one dSource (they share a key). At link, it starts the
 * dSource's first timeflow and takes its first snapshot.
 */
@ApplicationScoped
public class DSourceViewService {

    private static final Logger LOG = Logger.getLogger(DSourceViewService.class);

    private final DSourceRepository dsources;
    private final ReportedRestoreRepository restores;
    private final SnapSyncJobRepository jobs;
    private final SnapshotRepository snapshots;
    private final VdbRepository vdbs;
    private final SyncPolicyRepository policies;
    private final TargetEnvironmentRepository environments;
    private final SnapSyncEngine engine;
    private final Outbox outbox;
    private final JobMetrics metrics;
    private final Clock clock;

    @Inject
    public DSourceViewService(DSourceRepository dsources, ReportedRestoreRepository restores, SnapSyncJobRepository jobs,
            SnapshotRepository snapshots, VdbRepository vdbs, SyncPolicyRepository policies,
            TargetEnvironmentRepository environments, SnapSyncEngine engine, Outbox outbox, JobMetrics metrics,
            Clock clock) {
        this.dsources = dsources;
        this.restores = restores;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.vdbs = vdbs;
        this.policies = policies;
        this.environments = environments;
        this.engine = engine;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies one event about a dSource; called inside the consumer's transaction, once per event id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(DSourceEvent event, String eventId) {
        switch (event) {
            case DSourceLinked e -> linked(e, eventId);
            case RestoreStarted e -> restoreStarted(e, eventId);
            case RestoreCompleted e -> restoreCompleted(e, eventId);
            case RestoreFailed e -> restoreFailed(e, eventId);
            case DSourceUpdated e -> known(e, eventId).ifPresent(d -> {
                if (e.changed() != null && e.changed().contains("hooks")) {
                    d.hooks(e.hookPhases());
                }
            });
            case io.timeflow.events.staging.DSourceConverted e -> known(e, eventId).ifPresent(d -> d.ingestionType(e.to()));
            case DSourceEnabled e -> known(e, eventId).ifPresent(d -> d.setEnabled(true));
            case DSourceDisabled e -> known(e, eventId).ifPresent(d -> d.setEnabled(false));
            case DSourceDetached e -> known(e, eventId).ifPresent(DSource::detached);
            case DSourceAttached e -> known(e, eventId).ifPresent(d -> d.attached(e.stagingDatabaseName(),
                    e.environmentId(), e.repositoryId(), zoneOfEnvironment(e.environmentId())));
            case DSourceDeleted e -> known(e, eventId).ifPresent(d -> deleted(d, e.deletedAt()));
            case DatabaseStateChanged e -> known(e, eventId).ifPresent(d -> d.observed(e.state(), e.supported(),
                    e.filesUnderMountDir(), e.filesOutsideMountDir()));
            case MountStateChanged e -> known(e, eventId).ifPresent(d -> d.mount(e.dataMounted()));
            case FaultRaised e -> known(e, eventId).ifPresent(d -> dsources.raiseFault(d.id(), e.faultId(), e.code(),
                    e.severity(), e.message(), e.raisedAt()));
            case FaultResolved e -> known(e, eventId).ifPresent(d -> dsources.resolveFault(d.id(), e.faultId()));
            default -> LOG.debugf("event %s of type %s is not part of this view", eventId,
                    event.getClass().getSimpleName());
        }
    }

    private void linked(DSourceLinked e, String eventId) {
        UUID id = UUID.fromString(e.dsourceId());
        Optional<DSource> existing = dsources.lock(id);
        DSource d = existing.orElseGet(() -> new DSource(id));
        d.linked(e.name(), e.stagingDatabaseName(), e.databaseStateMode(), e.environmentId(), e.repositoryId(),
                e.pluginId(), e.mountBase(), e.timeZone(), e.linkedAt());
        d.seen(eventId, clock.instant());
        d.hooks(e.hookPhases() == null ? java.util.List.of() : e.hookPhases());
        d.ingestionType(e.ingestionType());
        if (existing.isPresent()) {
            LOG.warnf("dSource %s (%s) was linked again; its view is refreshed, its timeflows and snapshots kept",
                    e.name(), id);
            return;
        }
        dsources.add(d);
        engine.firstTimeflow(d, Actor.SYSTEM);
        if (e.syncPolicyId() != null) {
            defaultPolicy(d, UUID.fromString(e.syncPolicyId()));
        }
        Optional<ReportedRestore> inProgress = restores.inProgress(id).stream().findFirst();
        if (inProgress.isPresent()) {
            // a pre-sync hook is restoring a backup: the first snapshot waits for it to end
            d.restoreStarted(inProgress.get().id());
            d.setFirstSnapshotPending(true);
            LOG.infof("dSource %s (%s) linked; its first snapshot waits for restore %s", e.name(), id,
                    inProgress.get().id());
            return;
        }
        LOG.infof("dSource %s (%s) linked in %s mode; taking its first snapshot", e.name(), id, e.databaseStateMode());
        firstSnapshot(d);
    }

    /**
     * The first snapshot: of the backup a pre-sync hook restored, or else of the empty staging
     * database. Its job runs here, under the dSource's row lock, and is stored once it has ended (so
     * it never counts as a second SnapSync under way beside one a user may have asked for).
     */
    private void firstSnapshot(DSource d) {
        d.setFirstSnapshotPending(false);
        SnapSyncJob job = new SnapSyncJob(UUID.randomUUID(), d.id(), Trigger.LINK, null, null, null, Actor.SYSTEM,
                clock.instant());
        job.start(clock.instant());
        metrics.accepted(job);
        metrics.started(job);
        if (d.hasHook(SnapSyncHooks.PRE_SYNC)) {
            // the first snapshot waits for the pre-sync hook, so that it holds the backup the hook restores
            engine.awaitHook(job, d, SnapSyncJob.Stage.PRE_SYNC_HOOK, java.util.List.of());
            jobs.add(job);
            LOG.infof("dSource %s (%s): its first snapshot waits for the pre-sync hook", d.name(), d.id());
            return;
        }
        engine.run(job, d);
        jobs.add(job);
    }

    /** The SnapSync policy chosen at link becomes the dSource's policy, if it still exists. */
    private void defaultPolicy(DSource d, UUID policyId) {
        if (policies.find(policyId).isEmpty()) {
            LOG.warnf("dSource %s (%s) was linked with sync policy %s, which no longer exists; it follows none",
                    d.name(), d.id(), policyId);
            return;
        }
        d.defaultPolicy(policyId);
        policies.assign(d.id(), policyId, clock.instant());
        LOG.infof("dSource %s (%s) follows sync policy %s, chosen at link", d.name(), d.id(), policyId);
    }

    private void restoreStarted(RestoreStarted e, String eventId) {
        UUID dsourceId = UUID.fromString(e.dsourceId());
        ReportedRestore r = restores.find(e.restoreId()).orElseGet(() -> {
            ReportedRestore created = new ReportedRestore(e.restoreId(), dsourceId, e.backupType(), clock.instant());
            restores.add(created);
            return created;
        });
        r.started(e.startedAt());
        if (r.status() == ReportedRestore.Status.IN_PROGRESS) {
            dsources.lock(dsourceId).ifPresent(d -> {
                d.restoreStarted(e.restoreId());
                d.seen(eventId, clock.instant());
            });
        }
    }

    private void restoreCompleted(RestoreCompleted e, String eventId) {
        UUID dsourceId = UUID.fromString(e.dsourceId());
        ReportedRestore r = restores.find(e.restoreId()).orElseGet(() -> {
            ReportedRestore created = new ReportedRestore(e.restoreId(), dsourceId, e.backupSet().type(), clock.instant());
            restores.add(created);
            return created;
        });
        r.completed(e.backupSet(), e.startedAt(), e.finishedAt(), restores.nextCompletionSeq(), clock.instant());
        dsources.lock(dsourceId).ifPresent(d -> {
            d.restoreEnded(e.restoreId());
            d.seen(eventId, clock.instant());
            LOG.infof("dSource %s: restore %s completed (%s); it is the last restored backup", d.name(),
                    e.restoreId(), e.backupSet().type());
            if (d.firstSnapshotPending() && d.restoreInProgressId() == null) {
                firstSnapshot(d);
            }
        });
    }

    private void restoreFailed(RestoreFailed e, String eventId) {
        UUID dsourceId = UUID.fromString(e.dsourceId());
        ReportedRestore r = restores.find(e.restoreId()).orElseGet(() -> {
            ReportedRestore created = new ReportedRestore(e.restoreId(), dsourceId, e.backupType(), clock.instant());
            restores.add(created);
            return created;
        });
        r.failed(e.backupType(), e.reason(), e.startedAt(), e.failedAt(), clock.instant());
        dsources.lock(dsourceId).ifPresent(d -> {
            d.restoreEnded(e.restoreId());
            d.seen(eventId, clock.instant());
            if (d.firstSnapshotPending() && d.restoreInProgressId() == null) {
                firstSnapshot(d);
            }
        });
    }

    /**
     * A deleted dSource takes no more SnapSyncs: its pending jobs are cancelled, it leaves its policy,
     * and its snapshots go too, except those VDBs depend on (kept until their VDBs are deleted).
     */
    private void deleted(DSource d, Instant at) {
        d.deleted(at);
        Instant now = clock.instant();
        for (SnapSyncJob job : jobs.pendingOf(d.id())) {
            job.cancelled("the dSource was deleted", now);
            metrics.ended(job);
        }
        policies.unassignAll(d.id());
        for (Snapshot s : snapshots.ofDsource(d.id())) {
            if (vdbs.dependantsOf(s.id()).isEmpty()) {
                snapshots.remove(s);
                outbox.publish(new SnapshotDeleted(d.id().toString(), s.id().toString(), s.timeflowId().toString(),
                        "DSOURCE_DELETED", "the dSource " + d.name() + " was deleted", now), Actor.SYSTEM);
            }
        }
        LOG.infof("dSource %s (%s) deleted", d.name(), d.id());
    }

    private Optional<DSource> known(DSourceEvent e, String eventId) {
        Optional<DSource> d = dsources.lock(UUID.fromString(e.dsourceId()));
        if (d.isEmpty()) {
            LOG.warnf("event %s is about dSource %s, which this view does not know (no link seen); ignored", eventId,
                    e.dsourceId());
            return d;
        }
        d.get().seen(eventId, clock.instant());
        return d;
    }

    private String zoneOfEnvironment(String environmentId) {
        try {
            return environments.find(UUID.fromString(environmentId)).map(TargetEnvironment::timeZone).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
