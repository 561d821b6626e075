package io.timeflow.snapshot.domain;

import io.timeflow.events.snapshot.SnapSyncFailed;
import io.timeflow.events.snapshot.SnapSyncSkipped;
import io.timeflow.events.snapshot.SnapshotCreated;
import io.timeflow.events.snapshot.SnapshotDeleted;
import io.timeflow.events.snapshot.TimeflowCreated;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.Warning;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.upgrades.PluginUpgradeGuard;
import io.timeflow.snapshot.domain.rules.PrerequisiteResult;
import io.timeflow.snapshot.domain.rules.RestoredBackup;
import io.timeflow.snapshot.domain.rules.RetentionRule;
import io.timeflow.snapshot.domain.rules.SnapSyncCode;
import io.timeflow.snapshot.domain.rules.SnapSyncDecision;
import io.timeflow.snapshot.domain.rules.SnapSyncPrerequisites;
import io.timeflow.snapshot.domain.rules.StagingView;
import io.timeflow.snapshot.persistence.DSourceRepository;
import io.timeflow.snapshot.persistence.ReportedRestoreRepository;
import io.timeflow.snapshot.persistence.SnapshotRepository;
import io.timeflow.snapshot.persistence.SyncPolicyRepository;
import io.timeflow.snapshot.persistence.TimeflowRepository;
import io.timeflow.snapshot.persistence.VdbRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs a SnapSync job to its end inside the caller's transaction, with the dSource's row locked by
 * the caller: checks the prerequisites, applies the {@link SnapSyncDecision}, places the snapshot on
 * the right timeflow, applies the retention of the dSource's policy, and announces each effect
 * through the outbox in the same transaction.
 */
@ApplicationScoped
public class SnapSyncEngine {

    private static final Logger LOG = Logger.getLogger(SnapSyncEngine.class);

    static final String FETCH_LAST_BACKUP = "FETCH_LAST_BACKUP";
    static final String CHECK_EXISTING_SNAPSHOT = "CHECK_EXISTING_SNAPSHOT";
    static final String SELECT_TIMEFLOW = "SELECT_TIMEFLOW";
    static final String TAKE_SNAPSHOT = "TAKE_SNAPSHOT";
    static final String APPLY_RETENTION = "APPLY_RETENTION";

    private final DSourceRepository dsources;
    private final ReportedRestoreRepository restores;
    private final TimeflowRepository timeflows;
    private final SnapshotRepository snapshots;
    private final SyncPolicyRepository policies;
    private final VdbRepository vdbs;
    private final PluginUpgradeGuard upgrades;
    private final Outbox outbox;
    private final JobMetrics metrics;
    private final Clock clock;

    @Inject
    public SnapSyncEngine(DSourceRepository dsources, ReportedRestoreRepository restores, TimeflowRepository timeflows,
            SnapshotRepository snapshots, SyncPolicyRepository policies, VdbRepository vdbs,
            PluginUpgradeGuard upgrades, Outbox outbox, JobMetrics metrics, Clock clock) {
        this.dsources = dsources;
        this.restores = restores;
        this.timeflows = timeflows;
        this.snapshots = snapshots;
        this.policies = policies;
        this.vdbs = vdbs;
        this.upgrades = upgrades;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What is known of the dSource's staging side, as the prerequisites see it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StagingView viewOf(DSource d) {
        Optional<String> upgrade = upgrades.running(d.pluginId()).map(u -> "plugin " + u.pluginId()
                + " is being upgraded (upgrade " + u.upgradeId() + ", " + u.fromVersion() + " to " + u.toVersion()
                + "): SnapSync is refused until it ends");
        return new StagingView(d.mode(), d.isEnabled(), d.isLinked(), d.isDeleted(), d.databaseState(),
                d.stateSupported(), d.dataMounted(), d.filesUnderMountDir(),
                Optional.ofNullable(d.restoreInProgressId()), dsources.activeFaultCodes(d.id()), upgrade);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<PrerequisiteResult> prerequisites(DSource d) {
        return SnapSyncPrerequisites.evaluate(viewOf(d));
    }

    /** Starts the dSource's first timeflow (at link). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Timeflow firstTimeflow(DSource d, Actor actor) {
        Optional<Timeflow> existing = timeflows.current(d.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        Timeflow first = new Timeflow(UUID.randomUUID(), d.id(), 1, null, Timeflow.Reason.LINKED, null, now);
        timeflows.add(first);
        outbox.publish(new TimeflowCreated(d.id().toString(), first.id().toString(), 1, null,
                Timeflow.Reason.LINKED.name(), null, now), actor);
        LOG.infof("dSource %s (%s) starts on %s", d.name(), d.id(), first.name());
        return first;
    }

    /**
     * Makes a RUNNING job wait for the staging host's agent to run the dSource's hooks of the stage's
     * phase; the job's step of that name is RUNNING until the agent reports.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void awaitHook(SnapSyncJob job, DSource d, SnapSyncJob.Stage stage, List<JobStep> before) {
        Instant now = clock.instant();
        List<JobStep> steps = new ArrayList<>(job.steps());
        steps.addAll(before);
        steps.add(new JobStep(stage.name(), JobStep.RUNNING, "waiting for the agent of staging environment "
                + d.environmentId() + " to run the " + SnapSyncHooks.phaseOf(stage) + " hook", now));
        job.await(stage, steps, now);
    }

    /**
     * Runs a RUNNING (or just created) job to its end; the caller holds the dSource's row lock. A job
     * whose dSource has a post-sync hook waits for it once the snapshot is taken.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void run(SnapSyncJob job, DSource d) {
        Instant now = clock.instant();
        Actor actor = job.actor();
        List<PrerequisiteResult> prerequisites = prerequisites(d);
        List<JobStep> steps = new ArrayList<>(job.steps());
        for (PrerequisiteResult r : prerequisites) {
            steps.add(new JobStep(r.prerequisite().name(), r.passed() ? JobStep.PASSED : JobStep.FAILED, r.detail(), now));
        }
        Optional<RestoredBackup> last = restores.lastCompleted(d.id()).map(ReportedRestore::asBackup);
        Timeflow current = timeflows.current(d.id()).orElseGet(() -> firstTimeflow(d, actor));
        SnapSyncDecision.Outcome outcome = SnapSyncDecision.decide(job.trigger(), prerequisites, last,
                job.requestedRestoreId(), d.mode(), current.recoveryForkGuid(),
                key -> snapshots.ofBackupInTimeflow(current.id(), key));
        switch (outcome) {
            case SnapSyncDecision.Fail fail -> {
                if (fail.failedPrerequisites().isEmpty()) {
                    steps.add(new JobStep(FETCH_LAST_BACKUP, JobStep.FAILED, fail.reason(), now));
                }
                skipRest(steps, now, FETCH_LAST_BACKUP, CHECK_EXISTING_SNAPSHOT, SELECT_TIMEFLOW, TAKE_SNAPSHOT);
                job.failed(fail.code(), fail.reason(), steps, now);
                metrics.ended(job);
                outbox.publish(new SnapSyncFailed(d.id().toString(), job.id().toString(), job.trigger().name(),
                        fail.code().name(), fail.reason(),
                        fail.failedPrerequisites().stream().map(Enum::name).toList(), now), actor);
                LOG.infof("SnapSync %s of dSource %s failed: %s (%s)", job.id(), d.name(), fail.code().name(),
                        fail.reason());
            }
            case SnapSyncDecision.Skip skip -> {
                if (skip.code() == SnapSyncCode.NO_BACKUP_FOUND) {
                    steps.add(new JobStep(FETCH_LAST_BACKUP, JobStep.FAILED, skip.message(), now));
                } else {
                    steps.add(new JobStep(FETCH_LAST_BACKUP, JobStep.PASSED, describe(last.orElseThrow()), now));
                    steps.add(new JobStep(CHECK_EXISTING_SNAPSHOT, JobStep.FAILED, skip.message(), now));
                }
                skipRest(steps, now, CHECK_EXISTING_SNAPSHOT, SELECT_TIMEFLOW, TAKE_SNAPSHOT);
                job.skipped(new Warning(skip.code(), skip.message()), skip.existingSnapshotId(), steps, now);
                metrics.ended(job);
                outbox.publish(new SnapSyncSkipped(d.id().toString(), job.id().toString(), job.trigger().name(),
                        skip.code().name(), skip.message(), skip.existingSnapshotId() == null ? null
                                : skip.existingSnapshotId().toString(), now), actor);
                LOG.infof("SnapSync %s of dSource %s skipped: %s", job.id(), d.name(), skip.code().name());
                applyRetentionOnScheduledRun(job, d, actor);
            }
            case SnapSyncDecision.Take take -> {
                steps.add(new JobStep(FETCH_LAST_BACKUP, JobStep.PASSED,
                        take.backup().map(SnapSyncEngine::describe).orElse(
                                "no backup restored yet: the first snapshot is of the empty staging database"), now));
                steps.add(new JobStep(CHECK_EXISTING_SNAPSHOT, JobStep.PASSED,
                        "no snapshot holds this backup in the current timeflow", now));
                Timeflow timeflow = place(d, current, take, actor, now, steps);
                Snapshot snapshot = new Snapshot(UUID.randomUUID(), d, timeflow.id(), job.id(), take.backup(), now);
                snapshots.add(snapshot);
                steps.add(new JobStep(TAKE_SNAPSHOT, JobStep.PASSED, "snapshot " + snapshot.id() + " taken at "
                        + snapshot.takenAtLocal() + " (" + snapshot.timeZone() + ")", now));
                if (d.hasHook(SnapSyncHooks.POST_SYNC) && d.isEnabled() && d.isLinked()) {
                    job.snapshotTaken(snapshot.id(), take.warnings());
                    job.await(SnapSyncJob.Stage.POST_SYNC_HOOK, steps, now);
                    awaitHook(job, d, SnapSyncJob.Stage.POST_SYNC_HOOK, List.of());
                } else {
                    job.succeeded(snapshot.id(), take.warnings(), steps, now);
                    metrics.ended(job);
                }
                outbox.publish(new SnapshotCreated(d.id().toString(), snapshot.id().toString(),
                        timeflow.id().toString(), job.id().toString(), job.trigger().name(), snapshot.restoreId(),
                        snapshot.backupSet().orElse(null), snapshot.emptyDatabase(), snapshot.sourceReadOnly(),
                        snapshot.takenAt(), snapshot.timeZone(), snapshot.takenAtLocal().toString()), actor);
                LOG.infof("SnapSync %s of dSource %s took snapshot %s on %s", job.id(), d.name(), snapshot.id(),
                        timeflow.name());
                applyRetention(job, d, actor);
            }
        }
    }

    private Timeflow place(DSource d, Timeflow current, SnapSyncDecision.Take take, Actor actor, Instant now,
            List<JobStep> steps) {
        String fork = take.backup().map(RestoredBackup::recoveryForkGuid).orElse(null);
        switch (take.timeflowChange()) {
            case NEW_TIMEFLOW -> {
                current.superseded();
                Timeflow next = new Timeflow(UUID.randomUUID(), d.id(), current.ordinal() + 1, fork,
                        Timeflow.Reason.RECOVERY_FORK_CHANGED, current.id(), now);
                timeflows.add(next);
                outbox.publish(new TimeflowCreated(d.id().toString(), next.id().toString(), next.ordinal(), fork,
                        Timeflow.Reason.RECOVERY_FORK_CHANGED.name(), current.id().toString(), now), actor);
                steps.add(new JobStep(SELECT_TIMEFLOW, JobStep.PASSED, "recovery fork changed from "
                        + current.recoveryForkGuid() + " to " + fork + ": new " + next.name(), now));
                LOG.infof("dSource %s starts %s: recovery fork changed to %s", d.name(), next.name(), fork);
                return next;
            }
            case ADOPT_FORK -> {
                current.adoptFork(fork);
                steps.add(new JobStep(SELECT_TIMEFLOW, JobStep.PASSED, current.name() + " now follows recovery fork "
                        + fork, now));
                return current;
            }
            default -> {
                String why = d.mode() == io.timeflow.events.staging.DatabaseStateMode.ONLINE
                        ? " (an ONLINE-mode dSource follows a single timeflow)" : "";
                steps.add(new JobStep(SELECT_TIMEFLOW, JobStep.PASSED, "stays on " + current.name() + why, now));
                return current;
            }
        }
    }

    private void applyRetentionOnScheduledRun(SnapSyncJob job, DSource d, Actor actor) {
        if (job.trigger() == SnapSyncDecision.Trigger.POLICY) {
            applyRetention(job, d, actor);
        }
    }

    /** Deletes what the retention of the dSource's policy no longer keeps, saying why, as a step of the job. */
    private void applyRetention(SnapSyncJob job, DSource d, Actor actor) {
        Optional<SyncPolicy> policy = policies.policyOf(d.id()).flatMap(policies::find);
        if (policy.isEmpty()) {
            return;
        }
        SyncPolicy p = policy.get();
        Instant now = clock.instant();
        List<Snapshot> all = snapshots.ofDsource(d.id());
        List<RetentionRule.Candidate> candidates = all.stream()
                .map(s -> new RetentionRule.Candidate(s.id(), s.takenAt(),
                        vdbs.dependantsOf(s.id()).stream().map(Vdb::name).toList()))
                .toList();
        List<RetentionRule.Verdict> verdicts = RetentionRule.apply(p.name(), p.keepLast(), p.keepDays(), now, candidates);
        List<String> deleted = new ArrayList<>();
        for (RetentionRule.Verdict v : verdicts) {
            if (!v.delete()) {
                continue;
            }
            // lock it, then look again: a VDB provisioned from it meanwhile keeps it
            Optional<Snapshot> locked = snapshots.lock(v.snapshotId());
            if (locked.isEmpty() || !vdbs.dependantsOf(v.snapshotId()).isEmpty()) {
                continue;
            }
            Snapshot s = locked.get();
            snapshots.remove(s);
            outbox.publish(new SnapshotDeleted(d.id().toString(), s.id().toString(), s.timeflowId().toString(),
                    "RETENTION", v.reason(), now), actor);
            deleted.add(s.id() + " (" + v.reason() + ")");
            LOG.infof("retention of policy %s deleted snapshot %s of dSource %s: %s", p.name(), s.id(), d.name(),
                    v.reason());
        }
        long keptForVdbs = verdicts.stream().filter(v -> !v.delete() && v.reason().contains("VDBs depend")).count();
        String detail = deleted.isEmpty() ? "policy " + p.name() + " deletes nothing"
                : "policy " + p.name() + " deleted " + String.join("; ", deleted);
        if (keptForVdbs > 0) {
            detail += "; kept " + keptForVdbs + " snapshot(s) past retention because VDBs depend on them";
        }
        job.addStep(new JobStep(APPLY_RETENTION, JobStep.PASSED, detail, now));
    }

    static void skipRest(List<JobStep> steps, Instant now, String... names) {
        for (String name : names) {
            if (steps.stream().noneMatch(s -> s.name().equals(name))) {
                steps.add(new JobStep(name, JobStep.SKIPPED, "not reached", now));
            }
        }
    }

    static String describe(RestoredBackup b) {
        String lsns = b.lastLsn() == null ? "" : ", LSN " + b.firstLsn() + " to " + b.lastLsn();
        return "last restored backup: restore " + b.restoreId() + " (" + b.type() + lsns + ")";
    }
}
