package io.timeflow.snapshot.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.events.snapshot.SnapSyncFailed;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.problem.Warning;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.upgrades.PluginUpgradeGuard;
import io.timeflow.snapshot.domain.rules.PrerequisiteResult;
import io.timeflow.snapshot.domain.rules.RestoredBackup;
import io.timeflow.snapshot.domain.rules.SnapSyncCode;
import io.timeflow.snapshot.domain.rules.SnapSyncDecision.Trigger;
import io.timeflow.snapshot.domain.rules.SnapSyncDecision;
import io.timeflow.snapshot.persistence.DSourceRepository;
import io.timeflow.snapshot.persistence.ReportedRestoreRepository;
import io.timeflow.snapshot.persistence.SnapSyncJobRepository;
import io.timeflow.snapshot.persistence.SnapshotRepository;
import io.timeflow.snapshot.persistence.TimeflowRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * SnapSync as a long operation: a request (or a policy's scheduled run) creates a PENDING job in
 * the caller's transaction; a worker claims it (RUNNING) and runs it to SUCCEEDED, SKIPPED or
 * FAILED with {@link SnapSyncEngine}. At most one job is under way per dSource.
 */
@ApplicationScoped
public class SnapSyncService {

    private static final Logger LOG = Logger.getLogger(SnapSyncService.class);

    /** The read-only readiness of a dSource: the prerequisites and what a SnapSync would do now. */
    public record Readiness(UUID dsourceId, String dsourceName, List<PrerequisiteResult> prerequisites,
            Optional<RestoredBackup> lastRestoredBackup, String wouldDo, String code, String detail) {

        public boolean ready() {
            return prerequisites.stream().allMatch(PrerequisiteResult::passed);
        }
    }

    private final DSourceRepository dsources;
    private final ReportedRestoreRepository restores;
    private final TimeflowRepository timeflows;
    private final SnapshotRepository snapshots;
    private final SnapSyncJobRepository jobs;
    private final SnapSyncEngine engine;
    private final PluginUpgradeGuard upgrades;
    private final Outbox outbox;
    private final TransactionSynchronizationRegistry transactions;
    private final SnapSyncSignal signal;
    private final JobMetrics metrics;
    private final Clock clock;

    @Inject
    public SnapSyncService(DSourceRepository dsources, ReportedRestoreRepository restores, TimeflowRepository timeflows,
            SnapshotRepository snapshots, SnapSyncJobRepository jobs, SnapSyncEngine engine,
            PluginUpgradeGuard upgrades, Outbox outbox, TransactionSynchronizationRegistry transactions,
            SnapSyncSignal signal, JobMetrics metrics, Clock clock) {
        this.dsources = dsources;
        this.restores = restores;
        this.timeflows = timeflows;
        this.snapshots = snapshots;
        this.jobs = jobs;
        this.engine = engine;
        this.upgrades = upgrades;
        this.outbox = outbox;
        this.transactions = transactions;
        this.signal = signal;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Asks for a SnapSync of the dSource. Refused (nothing written) for an unknown dSource or backup
     * set, a validated sync, a plugin under upgrade, or while another SnapSync of the dSource is under way.
     */
    @Transactional
    public SnapSyncJob request(UUID dsourceId, Optional<String> restoreId, boolean validatedSync, Actor actor) {
        if (validatedSync) {
            throw new ProblemException(SnapshotProblem.VALIDATED_SYNC_NOT_SUPPORTED,
                    "the validated sync process is not supported for staging-push dSources: ask for a plain SnapSync",
                    List.of(new Problem.FieldError("validatedSync", "must be false or absent")), Map.of());
        }
        DSource d = dsources.lock(dsourceId).filter(x -> !x.isDeleted())
                .orElseThrow(() -> unknownDsource("dsourceId"));
        upgrades.assertNotUpgrading(d.pluginId(), "SnapSync of dSource " + d.name());
        if (restoreId.isPresent()) {
            checkRequestedBackup(d, restoreId.get());
        }
        jobs.active(d.id()).ifPresent(active -> {
            throw ProblemException.of(SnapshotProblem.SNAPSYNC_IN_PROGRESS, "a SnapSync of dSource " + d.name()
                    + " is already " + active.state() + " (job " + active.id() + ")").with("jobId", active.id());
        });
        SnapSyncJob job = new SnapSyncJob(UUID.randomUUID(), d.id(), Trigger.REQUEST, null, null,
                restoreId.orElse(null), actor, clock.instant());
        jobs.add(job);
        metrics.accepted(job);
        wakeWorkerAfterCommit();
        LOG.infof("SnapSync %s of dSource %s requested by %s", job.id(), d.name(), actor.subject());
        return job;
    }

    private void checkRequestedBackup(DSource d, String restoreId) {
        ReportedRestore restore = restores.find(restoreId).filter(r -> r.dsourceId().equals(d.id()))
                .orElseThrow(() -> new ProblemException(SnapshotProblem.UNKNOWN_BACKUP_SET,
                        "restoreId names no restore of this dSource that snapshot-service knows",
                        List.of(new Problem.FieldError("restoreId", "names no known restore of the dSource")),
                        Map.of()));
        if (restore.status() != ReportedRestore.Status.COMPLETED) {
            throw ProblemException.of(SnapshotProblem.BACKUP_NOT_RESTORED, "restore " + restore.id() + " is "
                    + restore.status() + ": only a completed restore can be snapshotted").with("restoreId", restore.id());
        }
        String last = restores.lastCompleted(d.id()).map(ReportedRestore::id).orElseThrow();
        if (!last.equals(restore.id())) {
            throw ProblemException.of(SnapshotProblem.BACKUP_NOT_LAST_RESTORED, "restore " + restore.id()
                    + " is not the last restored backup of dSource " + d.name() + " (restore " + last + " is): "
                    + "SnapSync snapshots the last restored backup").with("lastRestoreId", last);
        }
    }

    /**
     * Creates the job of a policy's scheduled run for one dSource; a run while another SnapSync of
     * the dSource is under way is recorded as SKIPPED ({@code SNAPSYNC_IN_PROGRESS}): runs never overlap.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<SnapSyncJob> scheduled(UUID dsourceId, UUID policyId, Instant scheduledFor) {
        Optional<DSource> found = dsources.lock(dsourceId).filter(x -> !x.isDeleted());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DSource d = found.get();
        Instant now = clock.instant();
        SnapSyncJob job = new SnapSyncJob(UUID.randomUUID(), d.id(), Trigger.POLICY, policyId, scheduledFor, null,
                Actor.SYSTEM, now);
        Optional<SnapSyncJob> active = jobs.active(d.id());
        if (active.isPresent()) {
            var warning = new Warning(SnapSyncCode.SNAPSYNC_IN_PROGRESS, "the scheduled run did not start: SnapSync "
                    + active.get().id() + " of the dSource is " + active.get().state());
            job.skipped(warning, null, List.of(new JobStep("NO_OVERLAP", JobStep.FAILED, warning.message(), now)),
                    now);
            jobs.add(job);
            metrics.accepted(job);
            metrics.ended(job);
            outbox.publish(new io.timeflow.events.snapshot.SnapSyncSkipped(d.id().toString(), job.id().toString(),
                    Trigger.POLICY.name(), warning.code(), warning.message(), null, now), Actor.SYSTEM);
            LOG.infof("scheduled SnapSync of dSource %s skipped: %s", d.name(), warning.message());
            return Optional.of(job);
        }
        jobs.add(job);
        metrics.accepted(job);
        wakeWorkerAfterCommit();
        return Optional.of(job);
    }

    /** Runs a claimed job to its end, in its own transaction; a failure of the service fails the job. */
    public void execute(UUID jobId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> runLocked(jobId));
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            LOG.errorf(e, "SnapSync %s failed unexpectedly (reference %s)", jobId, reference);
            QuarkusTransaction.requiringNew().run(() -> jobs.lock(jobId).ifPresent(job -> {
                if (!job.state().finished()) {
                    Instant now = clock.instant();
                    String detail = "the service failed while running the SnapSync; operators can find reference "
                            + reference + " in its log";
                    job.failed(SnapSyncCode.INTERNAL_ERROR, detail, job.steps(), now);
                    metrics.ended(job);
                    outbox.publish(new SnapSyncFailed(job.dsourceId().toString(), job.id().toString(),
                            job.trigger().name(), SnapSyncCode.INTERNAL_ERROR.name(), detail, List.of(), now),
                            job.actor());
                }
            }));
        }
    }

    private void runLocked(UUID jobId) {
        Optional<UUID> dsourceId = jobs.dsourceOf(jobId);
        if (dsourceId.isEmpty()) {
            return;
        }
        Optional<DSource> d = dsources.lock(dsourceId.get());
        SnapSyncJob job = jobs.lock(jobId).orElseThrow();
        if (job.state() != JobState.RUNNING || job.stage() != null) {
            return;
        }
        if (d.isEmpty()) {
            job.failed(SnapSyncCode.UNKNOWN_DSOURCE, "the dSource is not known to snapshot-service", List.of(),
                    clock.instant());
            metrics.ended(job);
            return;
        }
        DSource ds = d.get();
        if (job.hookDoneLeaseId() == null && ds.hasHook(SnapSyncHooks.PRE_SYNC) && ds.isEnabled() && ds.isLinked()
                && !ds.isDeleted()) {
            // the staging host's agent runs the pre-sync hook first; its report moves the job on
            engine.awaitHook(job, ds, SnapSyncJob.Stage.PRE_SYNC_HOOK, List.of());
            LOG.infof("SnapSync %s of dSource %s waits for its pre-sync hook", jobId, ds.name());
            return;
        }
        engine.run(job, ds);
    }

    @Transactional
    public SnapSyncJob get(UUID id) {
        return jobs.find(id).orElseThrow(() -> ProblemException.notFound("SnapSync job", id));
    }

    @Transactional
    public List<SnapSyncJob> page(UUID dsourceId, JobState state, int offset, int limit) {
        return jobs.page(dsourceId, state, offset, limit);
    }

    @Transactional
    public long count(UUID dsourceId, JobState state) {
        return jobs.count(dsourceId, state);
    }

    /** Cancels a job that has not started; a job already RUNNING or ended cannot be cancelled (409). */
    @Transactional
    public SnapSyncJob cancel(UUID id, Actor actor) {
        SnapSyncJob job = jobs.lock(id).orElseThrow(() -> ProblemException.notFound("SnapSync job", id));
        if (job.state() != JobState.PENDING) {
            throw ProblemException.of(SnapshotProblem.NOT_CANCELLABLE, "SnapSync " + id + " is " + job.state()
                    + ": only a PENDING SnapSync can be cancelled").with("state", job.state().name());
        }
        job.cancelled("cancelled by " + actor.subject(), clock.instant());
        metrics.ended(job);
        LOG.infof("SnapSync %s cancelled by %s", id, actor.subject());
        return job;
    }

    /** The prerequisites of the dSource and what a SnapSync would do now, without doing anything. */
    @Transactional
    public Readiness readiness(UUID dsourceId) {
        DSource d = dsources.find(dsourceId).orElseThrow(() -> ProblemException.notFound("dSource", dsourceId));
        List<PrerequisiteResult> prerequisites = engine.prerequisites(d);
        Optional<RestoredBackup> last = restores.lastCompleted(d.id()).map(ReportedRestore::asBackup);
        Optional<Timeflow> current = timeflows.current(d.id());
        SnapSyncDecision.Outcome outcome = SnapSyncDecision.decide(Trigger.REQUEST, prerequisites, last,
                Optional.empty(), d.mode(), current.map(Timeflow::recoveryForkGuid).orElse(null),
                key -> current.flatMap(t -> snapshots.ofBackupInTimeflow(t.id(), key)));
        return switch (outcome) {
            case SnapSyncDecision.Fail f -> new Readiness(d.id(), d.name(), prerequisites, last, "FAIL",
                    f.code().name(), f.reason());
            case SnapSyncDecision.Skip s -> new Readiness(d.id(), d.name(), prerequisites, last, "SKIP",
                    s.code().name(), s.message());
            case SnapSyncDecision.Take t -> new Readiness(d.id(), d.name(), prerequisites, last, "TAKE_SNAPSHOT",
                    t.timeflowChange().name(), t.timeflowChange() == io.timeflow.snapshot.domain.rules.TimeflowRule
                            .Change.NEW_TIMEFLOW ? "a snapshot would be taken on a new timeflow (the recovery fork changed)"
                            : "a snapshot of the last restored backup would be taken");
        };
    }

    static ProblemException unknownDsource(String field) {
        return new ProblemException(SnapshotProblem.UNKNOWN_DSOURCE,
                field + " names no dSource that snapshot-service knows (it learns them from staging-service's events)",
                List.of(new Problem.FieldError(field, "names no known dSource")), Map.of());
    }

    private void wakeWorkerAfterCommit() {
        signal.wakeAfterCommit(transactions);
    }
}
