package io.timeflow.snapshot.api;

import io.timeflow.snapshot.domain.JobStep;
import io.timeflow.snapshot.domain.SnapSyncJob;
import io.timeflow.snapshot.domain.SnapSyncService;
import io.timeflow.snapshot.domain.Snapshot;
import io.timeflow.snapshot.domain.SyncPolicy;
import io.timeflow.snapshot.domain.Timeflow;
import io.timeflow.snapshot.domain.Vdb;
import io.timeflow.snapshot.domain.rules.PrerequisiteResult;
import io.timeflow.snapshot.domain.rules.RestoredBackup;
import io.timeflow.snapshot.domain.rules.Warning;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The response bodies of snapshot-service's API (entities never leave through the API). */
public final class Views {

    private Views() {
    }

    @Schema(name = "Warning", description = "A warning: a stable code and a sentence for people")
    public record WarningView(
            @Schema(examples = "SOURCE_READ_ONLY_BACKUP") String code,
            String message) {
        static List<WarningView> of(List<Warning> warnings) {
            return warnings.stream().map(w -> new WarningView(w.code(), w.message())).toList();
        }
    }

    @Schema(name = "JobStep", description = "One step of a SnapSync job and its result")
    public record StepView(
            @Schema(examples = "DATA_MOUNTED") String name,
            @Schema(enumeration = {"PASSED", "FAILED", "SKIPPED", "RUNNING"}) String outcome,
            String detail,
            Instant at,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
            @Schema(description = "a hook's output as the agent captured it (the last lines, secrets redacted)")
            List<String> output) {
        static StepView of(JobStep s) {
            return new StepView(s.name(), s.outcome(), s.detail(), s.at(), s.output());
        }
    }

    @Schema(name = "HookRun", description = "A hook an agent took under a lease: the SnapSync and dSource it is for")
    public record HookRunView(
            UUID jobId,
            UUID leaseId,
            Instant leaseExpiresAt,
            @Schema(enumeration = {"PRE_SYNC", "POST_SYNC"}) String phase,
            @Schema(enumeration = {"LINK", "REQUEST", "POLICY"}) String trigger,
            UUID dsourceId,
            String dsourceName,
            String stagingDatabaseName,
            String mountBase,
            UUID environmentId,
            @Schema(description = "for a post-sync hook: the snapshot taken") UUID snapshotId) {
        static HookRunView of(io.timeflow.snapshot.domain.SnapSyncHooks.HookRun r) {
            return new HookRunView(r.job().id(), r.leaseId(), r.leaseExpiresAt(), r.phase(), r.job().trigger().name(),
                    r.dsource().id(), r.dsource().name(), r.dsource().stagingDatabaseName(), r.dsource().mountBase(),
                    UUID.fromString(r.dsource().environmentId()), r.job().snapshotId());
        }
    }

    @Schema(name = "HookLease", description = "A renewed lease")
    public record HookLeaseView(UUID jobId, UUID leaseId, Instant leaseExpiresAt) {
    }

    @Schema(name = "SnapSyncJob", description = "A SnapSync: PENDING, RUNNING, then SUCCEEDED, FAILED, SKIPPED or CANCELLED")
    public record SnapSyncJobView(
            UUID id,
            UUID dsourceId,
            @Schema(enumeration = {"LINK", "REQUEST", "POLICY"}) String trigger,
            @Schema(description = "the sync policy of a scheduled run") UUID policyId,
            @Schema(description = "the scheduled time of a policy's run") Instant scheduledFor,
            @Schema(description = "the restore the caller asked to snapshot, if it named one") String requestedRestoreId,
            @Schema(enumeration = {"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED"}) String state,
            @Schema(description = "while RUNNING: where it waits (for the agent to run a hook, or to learn the restore "
                    + "a hook reported)", enumeration = {"PRE_SYNC_HOOK", "AWAIT_RESTORE", "POST_SYNC_HOOK"})
            String stage,
            @Schema(description = "why it FAILED or was SKIPPED: a prerequisite, NO_BACKUP_FOUND, SNAPSHOT_EXISTS_FOR_BACKUP, ...",
                    examples = "STATE_MATCHES_MODE") String code,
            String detail,
            @Schema(description = "the snapshot it took") UUID snapshotId,
            @Schema(description = "for SNAPSHOT_EXISTS_FOR_BACKUP: the snapshot that already holds the backup")
            UUID existingSnapshotId,
            List<WarningView> warnings,
            List<StepView> steps,
            String requestedBy,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt) {
        static SnapSyncJobView of(SnapSyncJob j) {
            return new SnapSyncJobView(j.id(), j.dsourceId(), j.trigger().name(), j.policyId(), j.scheduledFor(),
                    j.requestedRestoreId().orElse(null), j.state().name(),
                    j.stage() == null ? null : j.stage().name(), j.resultCode(), j.resultDetail(),
                    j.snapshotId(), j.existingSnapshotId(), WarningView.of(j.warnings()),
                    j.steps().stream().map(StepView::of).toList(), j.requestedBy(), j.createdAt(), j.startedAt(),
                    j.finishedAt());
        }
    }

    @Schema(name = "BackupSet", description = "A backup set as staging-service reported its restore; LSNs are decimal strings")
    public record BackupView(
            @Schema(description = "the restore that applied it") String restoreId,
            @Schema(enumeration = {"FULL", "DIFFERENTIAL", "LOG", "BACPAC"}) String type,
            String backupFileLocation,
            @Schema(examples = "34000000021600001") String firstLsn,
            @Schema(examples = "34000000023200001") String lastLsn,
            String checkpointLsn,
            String databaseBackupLsn,
            String recoveryForkGuid,
            Instant backupStartedAt,
            Instant backupFinishedAt,
            boolean sourceReadOnly) {
        static BackupView of(RestoredBackup b) {
            return new BackupView(b.restoreId(), b.type().name(), b.backupFileLocation(), str(b.firstLsn()),
                    str(b.lastLsn()), str(b.checkpointLsn()), str(b.databaseBackupLsn()), b.recoveryForkGuid(),
                    b.backupStartedAt(), b.backupFinishedAt(), b.sourceReadOnly());
        }

        static String str(BigInteger v) {
            return v == null ? null : v.toString();
        }
    }

    @Schema(name = "Prerequisite", description = "One SnapSync prerequisite and whether it holds now")
    public record PrerequisiteView(
            @Schema(examples = "DATA_MOUNTED") String name,
            String description,
            boolean passed,
            String detail) {
        static PrerequisiteView of(PrerequisiteResult r) {
            return new PrerequisiteView(r.prerequisite().name(), r.prerequisite().description(), r.passed(), r.detail());
        }
    }

    @Schema(name = "SnapSyncReadiness", description = "The prerequisites of a dSource and what a SnapSync would do now; nothing is done")
    public record ReadinessView(
            UUID dsourceId,
            String dsourceName,
            boolean ready,
            List<PrerequisiteView> prerequisites,
            BackupView lastRestoredBackup,
            @Schema(enumeration = {"TAKE_SNAPSHOT", "SKIP", "FAIL"}) String wouldDo,
            @Schema(description = "the code the SnapSync would end with (for TAKE_SNAPSHOT: SAME, ADOPT_FORK or NEW_TIMEFLOW)")
            String code,
            String detail) {
        static ReadinessView of(SnapSyncService.Readiness r) {
            return new ReadinessView(r.dsourceId(), r.dsourceName(), r.ready(),
                    r.prerequisites().stream().map(PrerequisiteView::of).toList(),
                    r.lastRestoredBackup().map(BackupView::of).orElse(null), r.wouldDo(), r.code(), r.detail());
        }
    }

    @Schema(name = "VdbRef", description = "A VDB that depends on a snapshot")
    public record VdbRef(UUID id, String name) {
    }

    @Schema(name = "Snapshot", description = "A snapshot of a dSource's staging database; times shown in the staging host's time zone")
    public record SnapshotView(
            UUID id,
            UUID dsourceId,
            UUID timeflowId,
            UUID snapSyncJobId,
            @Schema(description = "true for the first snapshot of a staging database no backup was restored into")
            boolean emptyDatabase,
            @Schema(description = "the backup set it holds; absent for an empty database") BackupView backupSet,
            @Schema(description = "the backup came from a read-only source: VDBs provisioned from it may fail")
            boolean sourceReadOnly,
            @Schema(enumeration = {"RESTORING", "ONLINE"}) String databaseStateMode,
            @Schema(description = "when it was taken (UTC)") Instant takenAt,
            @Schema(description = "the staging host's IANA time zone", examples = "Europe/Paris") String timeZone,
            @Schema(description = "takenAt in the staging host's time zone", examples = "2026-11-23T09:00:00+01:00")
            String takenAtLocal,
            @Schema(description = "the VDBs that depend on it (it cannot be deleted while there are any)")
            List<VdbRef> dependants) {
        static SnapshotView of(Snapshot s, List<Vdb> dependants) {
            BackupView backup = s.backupSet().map(b -> new BackupView(s.restoreId(), b.type().name(),
                    b.backupFileLocation(), BackupView.str(b.firstLsn()), BackupView.str(b.lastLsn()),
                    BackupView.str(b.checkpointLsn()), BackupView.str(b.databaseBackupLsn()), b.recoveryForkGuid(),
                    b.backupStartedAt(), b.backupFinishedAt(), b.sourceReadOnly())).orElse(null);
            return new SnapshotView(s.id(), s.dsourceId(), s.timeflowId(), s.snapSyncJobId(), s.emptyDatabase(), backup,
                    s.sourceReadOnly(), s.mode().name(), s.takenAt(), s.timeZone(), s.takenAtLocal().toString(),
                    dependants.stream().map(v -> new VdbRef(v.id(), v.name())).toList());
        }
    }

    @Schema(name = "Timeflow", description = "A line of snapshots of one recovery fork of a dSource")
    public record TimeflowView(
            UUID id,
            UUID dsourceId,
            @Schema(examples = "timeflow-2") String name,
            int ordinal,
            String recoveryForkGuid,
            @Schema(enumeration = {"LINKED", "RECOVERY_FORK_CHANGED"}) String reason,
            UUID previousTimeflowId,
            boolean current,
            Instant createdAt,
            long snapshotCount) {
        static TimeflowView of(Timeflow t, long snapshotCount) {
            return new TimeflowView(t.id(), t.dsourceId(), t.name(), t.ordinal(), t.recoveryForkGuid(),
                    t.reason().name(), t.previousTimeflowId(), t.isCurrent(), t.createdAt(), snapshotCount);
        }
    }

    @Schema(name = "Retention", description = "How long a policy keeps snapshots: the newest keepLast, and those younger "
            + "than keepDays; a snapshot is deleted when neither keeps it (never the newest, never one a VDB depends on). "
            + "Neither set: everything is kept.")
    public record RetentionView(
            @Schema(minimum = "1", examples = "7") Integer keepLast,
            @Schema(minimum = "1", examples = "30") Integer keepDays) {
    }

    @Schema(name = "SyncPolicy", description = "A SnapSync policy: a Quartz cron schedule in a time zone, and a retention")
    public record SyncPolicyView(
            UUID id,
            String name,
            @Schema(examples = "0 0 2 * * ?") String cron,
            @Schema(examples = "Europe/Paris") String timeZone,
            RetentionView retention,
            @Schema(description = "the dSources that follow it") List<UUID> dsourceIds,
            @Schema(description = "its next scheduled run") Instant nextRunAt,
            @Schema(description = "its last scheduled run") Instant lastRunAt,
            Instant createdAt,
            Instant updatedAt) {
        static SyncPolicyView of(SyncPolicy p, List<UUID> dsourceIds, Instant nextRunAt, Instant lastRunAt) {
            return new SyncPolicyView(p.id(), p.name(), p.cron(), p.timeZone(),
                    new RetentionView(p.keepLast(), p.keepDays()), dsourceIds, nextRunAt, lastRunAt, p.createdAt(),
                    p.updatedAt());
        }
    }

    @Schema(name = "SyncPolicyAssignment", description = "A dSource following a sync policy")
    public record AssignmentView(UUID policyId, UUID dsourceId) {
    }

    @Schema(name = "Vdb", description = "A virtual database provisioned from a snapshot")
    public record VdbView(
            UUID id,
            String name,
            UUID snapshotId,
            UUID dsourceId,
            UUID timeflowId,
            UUID targetEnvironmentId,
            @Schema(description = "e.g. SOURCE_READ_ONLY_BACKUP") List<WarningView> warnings,
            Instant provisionedAt,
            String provisionedBy) {
        static VdbView of(Vdb v) {
            return new VdbView(v.id(), v.name(), v.snapshotId(), v.dsourceId(), v.timeflowId(),
                    v.targetEnvironmentId(), WarningView.of(v.warnings()), v.provisionedAt(), v.provisionedBy());
        }
    }

}
