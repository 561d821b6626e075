package io.timeflow.snapshot.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.events.snapshot.SnapSyncFailed;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.problem.Warning;
import io.timeflow.snapshot.config.SnapshotConfig;
import io.timeflow.snapshot.domain.rules.HookOutcome;
import io.timeflow.snapshot.domain.rules.SnapSyncCode;
import io.timeflow.snapshot.persistence.DSourceRepository;
import io.timeflow.snapshot.persistence.ReportedRestoreRepository;
import io.timeflow.snapshot.persistence.SnapSyncJobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The hooks of a SnapSync, run by the agent on the dSource's staging host (ADR 0100). A job whose
 * dSource has a pre-sync hook waits at the stage {@code PRE_SYNC_HOOK} before anything else (at link
 * too, so the first snapshot holds the backup the hook restored); one with a post-sync hook waits at
 * {@code POST_SYNC_HOOK} once the snapshot is taken. An agent of the dSource's environment claims the
 * hook under a lease and renews it while the hook runs; its report moves the job on. A lease that
 * expires (the agent died, or lost the network) fails the SnapSync: the hook's outcome is unknown.
 * A pre-sync hook that reports a restore makes the job wait until this service's view knows it.
 */
@ApplicationScoped
public class SnapSyncHooks {

    private static final Logger LOG = Logger.getLogger(SnapSyncHooks.class);

    public static final String PRE_SYNC = "PRE_SYNC";
    public static final String POST_SYNC = "POST_SYNC";

    /** A hook an agent took: what it needs to run it, and its lease. */
    public record HookRun(SnapSyncJob job, DSource dsource, String phase, UUID leaseId, Instant leaseExpiresAt) {
    }

    /** What the agent reports when the hooks of the phase ended. */
    public record Report(UUID leaseId, HookOutcome outcome, String lastRestoreId) {
    }

    private final SnapSyncJobRepository jobs;
    private final DSourceRepository dsources;
    private final ReportedRestoreRepository restores;
    private final SnapSyncEngine engine;
    private final Outbox outbox;
    private final SnapshotConfig config;
    private final JobMetrics metrics;
    private final Clock clock;

    @Inject
    public SnapSyncHooks(SnapSyncJobRepository jobs, DSourceRepository dsources, ReportedRestoreRepository restores,
            SnapSyncEngine engine, Outbox outbox, SnapshotConfig config, JobMetrics metrics, Clock clock) {
        this.jobs = jobs;
        this.dsources = dsources;
        this.restores = restores;
        this.engine = engine;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    static String phaseOf(SnapSyncJob.Stage stage) {
        return stage == SnapSyncJob.Stage.POST_SYNC_HOOK ? POST_SYNC : PRE_SYNC;
    }

    /** Gives the oldest hook waiting on one of the agent's environments to the agent, under a lease. */
    @Transactional
    public Optional<HookRun> claim(String agent, List<UUID> environmentIds, Duration lease) {
        Duration granted = lease.compareTo(config.snapsync().maxHookLease()) > 0 ? config.snapsync().maxHookLease() : lease;
        Optional<UUID> id = jobs.claimHook(environmentIds.stream().map(UUID::toString).toList());
        if (id.isEmpty()) {
            return Optional.empty();
        }
        SnapSyncJob job = jobs.find(id.get()).orElseThrow();
        DSource d = dsources.find(job.dsourceId()).orElseThrow();
        Instant now = clock.instant();
        UUID leaseId = UUID.randomUUID();
        String phase = phaseOf(job.stage());
        List<JobStep> steps = replaceStep(job.steps(), new JobStep(job.stage().name(), JobStep.RUNNING,
                "the " + phase + " hook runs on agent " + agent + " (since " + now + ")", now));
        job.leased(leaseId, agent, now.plus(granted), steps);
        LOG.infof("agent %s runs the %s hook of SnapSync %s (dSource %s), lease %s until %s", agent, phase, job.id(),
                d.name(), leaseId, job.hookLeaseExpiresAt());
        return Optional.of(new HookRun(job, d, phase, leaseId, job.hookLeaseExpiresAt()));
    }

    /** Renews the lease of a hook that is still running; 409 when the lease is no longer the job's. */
    @Transactional
    public Instant renew(UUID jobId, UUID leaseId, Duration lease) {
        UUID dsourceId = jobs.dsourceOf(jobId).orElseThrow(() -> ProblemException.notFound("SnapSync job", jobId));
        DSource d = dsources.lock(dsourceId).orElseThrow();
        SnapSyncJob job = jobs.lock(jobId).orElseThrow();
        Instant now = clock.instant();
        checkLease(job, leaseId, now);
        Duration granted = lease.compareTo(config.snapsync().maxHookLease()) > 0 ? config.snapsync().maxHookLease() : lease;
        job.leaseRenewed(now.plus(granted));
        return job.hookLeaseExpiresAt();
    }

    /**
     * The agent's report of the hook it ran. Reporting the same lease again answers the job as it is
     * (an agent that restarted before it read the answer reports again); another lease is 409.
     */
    @Transactional
    public SnapSyncJob report(UUID jobId, Report report) {
        UUID dsourceId = jobs.dsourceOf(jobId).orElseThrow(() -> ProblemException.notFound("SnapSync job", jobId));
        DSource d = dsources.lock(dsourceId).orElseThrow();
        SnapSyncJob job = jobs.lock(jobId).orElseThrow();
        if (report.leaseId().equals(job.hookDoneLeaseId())) {
            return job;
        }
        Instant now = clock.instant();
        checkLease(job, report.leaseId(), now);
        SnapSyncJob.Stage stage = job.stage();
        String phase = phaseOf(stage);
        HookOutcome outcome = report.outcome();
        List<JobStep> steps = replaceStep(job.steps(), new JobStep(stage.name(),
                outcome.succeeded() ? JobStep.PASSED : JobStep.FAILED, outcome.summary(phase.replace('_', '-')
                        .toLowerCase(java.util.Locale.ROOT)) + " on agent " + job.hookAgent(), now, outcome.keptOutput()));
        job.hookDone(report.leaseId());
        if (stage == SnapSyncJob.Stage.POST_SYNC_HOOK) {
            List<Warning> warnings = new ArrayList<>(job.warnings());
            if (!outcome.succeeded()) {
                warnings.add(new Warning(SnapSyncCode.POST_SYNC_HOOK_FAILED, outcome.failureDetail("post-sync")
                        + "; the snapshot was taken before it ran and is kept"));
            }
            job.succeeded(job.snapshotId(), warnings, steps, now);
            metrics.ended(job);
            LOG.infof("SnapSync %s of dSource %s: post-sync hook %s", jobId, d.name(),
                    outcome.succeeded() ? "passed" : "failed");
            return job;
        }
        if (!outcome.succeeded()) {
            fail(job, d, SnapSyncCode.PRE_SYNC_HOOK_FAILED, outcome.failureDetail("pre-sync"), steps, now);
            return job;
        }
        job.recordSteps(steps);
        if (report.lastRestoreId() != null && !restoreSettled(report.lastRestoreId())) {
            job.awaitRestore(report.lastRestoreId(), now);
            LOG.infof("SnapSync %s of dSource %s waits to learn restore %s, which its pre-sync hook reported", jobId,
                    d.name(), report.lastRestoreId());
            return job;
        }
        engine.run(job, d);
        return job;
    }

    /**
     * Moves on the jobs whose wait is over: an expired lease fails its SnapSync (a post-sync hook's
     * keeps the snapshot, with a warning), a hook no agent took in time fails it, a restore now known
     * lets it decide. Each job in its own transaction; called by the worker on every round.
     */
    public int advanceWaiting() {
        Instant now = clock.instant();
        List<UUID> waiting = QuarkusTransaction.requiringNew().call(() ->
                jobs.waiting(now, now.minus(config.snapsync().hookClaimTimeout())));
        int moved = 0;
        for (UUID id : waiting) {
            Boolean done = QuarkusTransaction.requiringNew().call(() -> advance(id));
            if (Boolean.TRUE.equals(done)) {
                moved++;
            }
        }
        return moved;
    }

    private boolean advance(UUID jobId) {
        Optional<UUID> dsourceId = jobs.dsourceOf(jobId);
        if (dsourceId.isEmpty()) {
            return false;
        }
        DSource d = dsources.lock(dsourceId.get()).orElse(null);
        SnapSyncJob job = jobs.lock(jobId).orElseThrow();
        if (job.state() != JobState.RUNNING || job.stage() == null || d == null) {
            return false;
        }
        Instant now = clock.instant();
        switch (job.stage()) {
            case AWAIT_RESTORE -> {
                if (restoreSettled(job.awaitRestoreId())) {
                    job.leaveStage();
                    engine.run(job, d);
                    return true;
                }
                if (job.stageSince().isBefore(now.minus(config.snapsync().restoreWait()))) {
                    fail(job, d, SnapSyncCode.RESTORE_NOT_SEEN, "the pre-sync hook reported restore "
                            + job.awaitRestoreId() + ", which snapshot-service did not learn from staging-service within "
                            + config.snapsync().restoreWait() + ": is staging-service's outbox relay running?",
                            job.steps(), now);
                    return true;
                }
                return false;
            }
            case PRE_SYNC_HOOK, POST_SYNC_HOOK -> {
                String phase = phaseOf(job.stage()).replace('_', '-').toLowerCase(java.util.Locale.ROOT);
                if (job.hookLeaseId() != null && job.hookLeaseExpiresAt() != null
                        && job.hookLeaseExpiresAt().isBefore(now)) {
                    expire(job, d, phase, now);
                    return true;
                }
                if (job.hookLeaseId() == null
                        && job.stageSince().isBefore(now.minus(config.snapsync().hookClaimTimeout()))) {
                    String detail = "no agent of staging environment " + d.environmentId() + " took the " + phase
                            + " hook within " + config.snapsync().hookClaimTimeout() + ": is the agent running?";
                    List<JobStep> steps = replaceStep(job.steps(), new JobStep(job.stage().name(), JobStep.FAILED,
                            detail, now));
                    if (job.stage() == SnapSyncJob.Stage.POST_SYNC_HOOK) {
                        List<Warning> warnings = new ArrayList<>(job.warnings());
                        warnings.add(new Warning(SnapSyncCode.POST_SYNC_HOOK_FAILED, detail));
                        job.succeeded(job.snapshotId(), warnings, steps, now);
                        metrics.ended(job);
                    } else {
                        fail(job, d, SnapSyncCode.NO_AGENT, detail, steps, now);
                    }
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private void expire(SnapSyncJob job, DSource d, String phase, Instant now) {
        String detail = "agent " + job.hookAgent() + " stopped renewing its lease on the " + phase + " hook (it "
                + "expired at " + job.hookLeaseExpiresAt() + "): the agent stopped or lost its connection, and the "
                + "hook's outcome is unknown";
        List<JobStep> steps = replaceStep(job.steps(), new JobStep(job.stage().name(), JobStep.FAILED, detail, now));
        LOG.warnf("SnapSync %s of dSource %s: %s", job.id(), d.name(), detail);
        if (job.stage() == SnapSyncJob.Stage.POST_SYNC_HOOK) {
            List<Warning> warnings = new ArrayList<>(job.warnings());
            warnings.add(new Warning(SnapSyncCode.POST_SYNC_HOOK_FAILED,
                    detail + "; the snapshot was taken before it and is kept"));
            job.succeeded(job.snapshotId(), warnings, steps, now);
            metrics.ended(job);
            return;
        }
        fail(job, d, SnapSyncCode.HOOK_LEASE_EXPIRED, detail, steps, now);
    }

    private static void checkLease(SnapSyncJob job, UUID leaseId, Instant now) {
        boolean hookStage = job.stage() == SnapSyncJob.Stage.PRE_SYNC_HOOK
                || job.stage() == SnapSyncJob.Stage.POST_SYNC_HOOK;
        if (job.state().finished() || !hookStage || !leaseId.equals(job.hookLeaseId())) {
            throw ProblemException.of(SnapshotProblem.LEASE_LOST,
                            "this lease no longer holds the hook of SnapSync " + job.id()
                            + ", which is " + job.state() + (job.resultCode() == null ? "" : " (" + job.resultCode() + ")")
                            + ": stop the hook and do not report it")
                    .with("jobId", job.id().toString()).with("state", job.state().name());
        }
        if (job.hookLeaseExpiresAt().isBefore(now)) {
            // the worker fails the SnapSync on its next round (this transaction rolls back)
            throw ProblemException.of(SnapshotProblem.LEASE_EXPIRED, "the lease on the hook of SnapSync " + job.id()
                    + " expired before it was renewed; the SnapSync fails").with("jobId", job.id().toString());
        }
    }

    private void fail(SnapSyncJob job, DSource d, SnapSyncCode code, String detail, List<JobStep> steps, Instant now) {
        List<JobStep> all = new ArrayList<>(steps);
        List<String> rest = new ArrayList<>();
        for (var p : io.timeflow.snapshot.domain.rules.Prerequisite.values()) {
            rest.add(p.name());
        }
        rest.addAll(List.of(SnapSyncEngine.FETCH_LAST_BACKUP, SnapSyncEngine.CHECK_EXISTING_SNAPSHOT,
                SnapSyncEngine.SELECT_TIMEFLOW, SnapSyncEngine.TAKE_SNAPSHOT));
        SnapSyncEngine.skipRest(all, now, rest.toArray(String[]::new));
        job.failed(code, detail, all, now);
        metrics.ended(job);
        outbox.publish(new SnapSyncFailed(d.id().toString(), job.id().toString(), job.trigger().name(), code.name(),
                detail, List.of(), now), job.actor());
        LOG.infof("SnapSync %s of dSource %s failed: %s (%s)", job.id(), d.name(), code.name(), detail);
    }

    /** Whether the view knows the restore as ended (completed or failed). */
    private boolean restoreSettled(String restoreId) {
        return restores.find(restoreId).map(r -> r.status() != ReportedRestore.Status.IN_PROGRESS).orElse(false);
    }

    private static List<JobStep> replaceStep(List<JobStep> steps, JobStep step) {
        List<JobStep> out = new ArrayList<>();
        boolean replaced = false;
        for (JobStep s : steps) {
            if (!replaced && s.name().equals(step.name()) && JobStep.RUNNING.equals(s.outcome())) {
                out.add(step);
                replaced = true;
            } else {
                out.add(s);
            }
        }
        if (!replaced) {
            out.add(step);
        }
        return out;
    }
}
