package io.timeflow.snapshot.domain;

import io.timeflow.platform.jobs.JobRecord;
import io.timeflow.platform.jobs.JobCode;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.json.JsonColumns;
import io.timeflow.platform.problem.Warning;
import io.timeflow.platform.security.Actor;
import io.timeflow.snapshot.domain.rules.SnapSyncCode;
import io.timeflow.snapshot.domain.rules.SnapSyncDecision.Trigger;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A SnapSync as a long operation: PENDING, then RUNNING, then SUCCEEDED, FAILED, SKIPPED or
 * CANCELLED, with its warnings and the result of each step. A RUNNING job may wait at a
 * {@link Stage}: for the staging host's agent to run a hook under a lease it renews, or for the
 * restore the hook reported to reach this service's view.
 */
@Entity
@Table(name = "snapsync_job")
public class SnapSyncJob extends JobRecord {

    /** The kind of SnapSync jobs, as the suite's job metrics and leases name it. */
    public static final String KIND = "snapsync";

    /** Where a RUNNING job waits; null while the worker runs it. */
    public enum Stage { PRE_SYNC_HOOK, AWAIT_RESTORE, POST_SYNC_HOOK }

    @Enumerated(EnumType.STRING)
    private Stage stage;

    @Column(name = "stage_since")
    private Instant stageSince;

    @Column(name = "hook_lease_id")
    private UUID hookLeaseId;

    @Column(name = "hook_agent")
    private String hookAgent;

    @Column(name = "hook_lease_expires_at")
    private Instant hookLeaseExpiresAt;

    @Column(name = "hook_done_lease_id")
    private UUID hookDoneLeaseId;

    @Column(name = "await_restore_id")
    private String awaitRestoreId;

    @Column(name = "dsource_id", nullable = false)
    private UUID dsourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Trigger trigger;

    @Column(name = "policy_id")
    private UUID policyId;

    @Column(name = "scheduled_for")
    private Instant scheduledFor;

    @Column(name = "requested_restore_id")
    private String requestedRestoreId;

    @Column(name = "result_code")
    private String resultCode;

    @Column(name = "result_detail")
    private String resultDetail;

    @Column(name = "snapshot_id")
    private UUID snapshotId;

    @Column(name = "existing_snapshot_id")
    private UUID existingSnapshotId;

    @Column(nullable = false)
    private String warnings = "[]";

    @Column(nullable = false)
    private String steps = "[]";

    @Column(name = "requested_role", nullable = false)
    private String requestedRole;

    protected SnapSyncJob() {
    }

    public SnapSyncJob(UUID id, UUID dsourceId, Trigger trigger, UUID policyId, Instant scheduledFor,
            String requestedRestoreId, Actor requestedBy, Instant createdAt) {
        super(id, requestedBy.subject(), createdAt);
        this.dsourceId = dsourceId;
        this.trigger = trigger;
        this.policyId = policyId;
        this.scheduledFor = scheduledFor;
        this.requestedRestoreId = requestedRestoreId;
        this.requestedRole = requestedBy.role();
    }

    public void start(Instant at) {
        begin(at);
    }

    /** Waits at {@code stage} from now on (a hook for the agent, or a restore for the view). */
    public void await(Stage stage, List<JobStep> steps, Instant at) {
        if (state() != JobState.RUNNING) {
            throw new IllegalStateException("job " + id() + " is " + state() + ", not RUNNING");
        }
        this.stage = stage;
        this.stageSince = at;
        this.hookLeaseId = null;
        this.hookAgent = null;
        this.hookLeaseExpiresAt = null;
        this.steps = JsonColumns.write(steps);
    }

    /** The agent took the hook of this job under a lease until {@code expiresAt}. */
    public void leased(UUID leaseId, String agent, Instant expiresAt, List<JobStep> steps) {
        this.hookLeaseId = leaseId;
        this.hookAgent = agent;
        this.hookLeaseExpiresAt = expiresAt;
        this.steps = JsonColumns.write(steps);
    }

    public void leaseRenewed(Instant expiresAt) {
        this.hookLeaseExpiresAt = expiresAt;
    }

    /** The hook under the lease ended (its outcome is in the steps); the job goes on or ends. */
    public void hookDone(UUID leaseId) {
        this.hookDoneLeaseId = leaseId;
        this.stage = null;
        this.stageSince = null;
        this.hookLeaseExpiresAt = null;
    }

    /** Waits for the view to learn this restore (reported by the pre-sync hook) before deciding. */
    public void awaitRestore(String restoreId, Instant at) {
        this.stage = Stage.AWAIT_RESTORE;
        this.stageSince = at;
        this.awaitRestoreId = restoreId;
    }

    /** Records the steps so far of a job still under way. */
    public void recordSteps(List<JobStep> steps) {
        this.steps = JsonColumns.write(steps);
    }

    /** Leaves a stage: the worker runs the rest of the job now. */
    public void leaveStage() {
        this.stage = null;
        this.stageSince = null;
    }

    /** The snapshot is taken; the job ends once the post-sync hook has run. */
    public void snapshotTaken(UUID snapshotId, List<Warning> warnings) {
        this.snapshotId = snapshotId;
        this.warnings = JsonColumns.write(warnings);
    }

    public void succeeded(UUID snapshotId, List<Warning> warnings, List<JobStep> steps, Instant at) {
        end(JobState.SUCCEEDED, null, "snapshot " + snapshotId + " taken", warnings, steps, at);
        this.snapshotId = snapshotId;
    }

    /** Fails the job with {@code code}: a {@link SnapSyncCode} or the {@code Prerequisite} that failed. */
    public void failed(JobCode code, String detail, List<JobStep> steps, Instant at) {
        end(JobState.FAILED, code.name(), detail, List.of(), steps, at);
    }

    public void skipped(Warning warning, UUID existingSnapshotId, List<JobStep> steps, Instant at) {
        end(JobState.SKIPPED, warning.code(), warning.message(), List.of(warning), steps, at);
        this.existingSnapshotId = existingSnapshotId;
    }

    public void cancelled(String detail, Instant at) {
        end(JobState.CANCELLED, SnapSyncCode.CANCELLED.name(), detail, List.of(), steps(), at);
    }

    /** Adds a step after the job ended (retention runs after the snapshot is taken). */
    public void addStep(JobStep step) {
        List<JobStep> all = new ArrayList<>(steps());
        all.add(step);
        this.steps = JsonColumns.write(all);
    }

    private void end(JobState state, String code, String detail, List<Warning> warnings, List<JobStep> steps, Instant at) {
        startedNoLaterThan(at);
        end(state, at);
        this.stage = null;
        this.stageSince = null;
        this.hookLeaseExpiresAt = null;
        this.resultCode = code;
        this.resultDetail = detail;
        this.warnings = JsonColumns.write(warnings);
        this.steps = JsonColumns.write(steps);
    }

    @Override
    public String kind() {
        return KIND;
    }

    public Stage stage() {
        return stage;
    }

    public Instant stageSince() {
        return stageSince;
    }

    public UUID hookLeaseId() {
        return hookLeaseId;
    }

    public String hookAgent() {
        return hookAgent;
    }

    public Instant hookLeaseExpiresAt() {
        return hookLeaseExpiresAt;
    }

    public UUID hookDoneLeaseId() {
        return hookDoneLeaseId;
    }

    public String awaitRestoreId() {
        return awaitRestoreId;
    }

    public UUID dsourceId() {
        return dsourceId;
    }

    public Trigger trigger() {
        return trigger;
    }

    public UUID policyId() {
        return policyId;
    }

    public Instant scheduledFor() {
        return scheduledFor;
    }

    public Optional<String> requestedRestoreId() {
        return Optional.ofNullable(requestedRestoreId);
    }

    public String resultCode() {
        return resultCode;
    }

    public String resultDetail() {
        return resultDetail;
    }

    public UUID snapshotId() {
        return snapshotId;
    }

    public UUID existingSnapshotId() {
        return existingSnapshotId;
    }

    public List<Warning> warnings() {
        return JsonColumns.list(warnings, Warning.class);
    }

    public List<JobStep> steps() {
        return JsonColumns.list(steps, JobStep.class);
    }

    /** Who asked for it, as the actor of the events it publishes. */
    public Actor actor() {
        return new Actor(requestedBy(), requestedRole, null);
    }
}
