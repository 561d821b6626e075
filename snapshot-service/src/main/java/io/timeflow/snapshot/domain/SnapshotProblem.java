package io.timeflow.snapshot.domain;

import io.timeflow.platform.problem.ProblemCatalogue;
import io.timeflow.platform.problem.ProblemCode;
import io.timeflow.snapshot.domain.rules.Prerequisite;
import io.timeflow.snapshot.domain.rules.SnapSyncCode;

/**
 * The problem codes of snapshot-service's own refusals (the common ones are in
 * {@link io.timeflow.platform.problem.CommonProblem}). {@link #CATALOGUE} is what the OpenAPI document lists
 * as {@code x-problem-codes} and what {@code docs/problems/snapshot-service.md} shows, followed there by the codes
 * of SnapSync jobs' results ({@link SnapSyncCode}, {@link Prerequisite}).
 */
public enum SnapshotProblem implements ProblemCode {

    // SnapSync
    VALIDATED_SYNC_NOT_SUPPORTED(422,
            "A SnapSync was asked with `validatedSync: true`, which staging-push dSources do not support; ask for a "
                    + "plain SnapSync (omit `validatedSync` or set it to false)."),
    UNKNOWN_DSOURCE(422,
            "The dSource named in the request (`errors` names the field), or the dSource of the VDB to refresh, is "
                    + "not known to snapshot-service (a SnapSync also refuses a deleted one); it learns dSources from "
                    + "staging-service's events, so check the id, or retry once staging-service has created it."),
    UNKNOWN_BACKUP_SET(422,
            "The `restoreId` of a SnapSync request names no restore of this dSource that snapshot-service knows; "
                    + "omit it to snapshot the last restored backup, or name one of the dSource's restores."),
    BACKUP_NOT_RESTORED(409,
            "The restore named by `restoreId` has not completed (`context.restoreId`); only a completed restore can "
                    + "be snapshotted: wait for it to complete, or omit `restoreId`."),
    BACKUP_NOT_LAST_RESTORED(409,
            "The restore named by `restoreId` is no longer the dSource's last restored backup, and SnapSync only "
                    + "snapshots that one (`context.lastRestoreId` names it); ask again without `restoreId` or with "
                    + "the last one."),
    SNAPSYNC_IN_PROGRESS(409,
            "Another SnapSync of the dSource is pending or running (`context.jobId`); follow that job, or ask again "
                    + "once it has ended."),
    NOT_CANCELLABLE(409,
            "Only a PENDING SnapSync can be cancelled; this one is already running or has ended (`context.state`)."),

    // SnapSync hooks (agents)
    LEASE_LOST(409,
            "The lease no longer holds the hook: the SnapSync has ended or another agent holds it (`context.jobId`, "
                    + "`context.state`); stop running the hook and do not report it."),
    LEASE_EXPIRED(409,
            "The lease on the hook expired before it was renewed, so the SnapSync fails (`context.jobId`); stop "
                    + "running the hook and do not report it."),

    // snapshots and timeflows
    UNKNOWN_TIMEFLOW(422,
            "The `timeflowId` filter names no timeflow snapshot-service knows; list the dSource's timeflows to find "
                    + "a valid id."),
    SNAPSHOT_HAS_DEPENDANTS(409,
            "The snapshot cannot be deleted while VDBs are provisioned from it (`context.vdbs` names them); delete "
                    + "those VDBs, or refresh them to a newer snapshot, first."),

    // VDBs
    POINT_IN_TIME_NOT_SUPPORTED(422,
            "A VDB was asked from a point in time (`timestamp` or `lsn`, named in `errors`), which staging-push "
                    + "dSources do not support; provision from a snapshot (`snapshotId`) and omit them."),
    UNKNOWN_SNAPSHOT(422,
            "The `snapshotId` of the request names no existing snapshot; list the dSource's snapshots to find one."),
    UNKNOWN_TARGET_ENVIRONMENT(422,
            "The `targetEnvironmentId` of the request names no environment snapshot-service knows; list the target "
                    + "environments to find one."),
    FILES_OUTSIDE_MOUNT_DIRECTORY(422,
            "The dSource's staging database has files in a sub-directory of the mount's DB directory, which staging "
                    + "push does not support (`context.files`, `context.mountBase`); VDBs cannot be provisioned or "
                    + "refreshed from it until the files lie directly in that directory."),
    OLDER_FORK_SNAPSHOTS_EXIST(409,
            "The dSource is in ONLINE mode and follows a single timeflow: its snapshots of the previous recovery fork "
                    + "(`context.snapshotIds`) must be deleted before a VDB is provisioned from this one."),
    NAME_TAKEN(409,
            "Another VDB or sync policy already has this name (names are compared without regard to case); choose "
                    + "another name."),
    NO_SNAPSHOT(409,
            "The VDB's dSource has no snapshot to refresh from; run a SnapSync of the dSource first."),
    SNAPSHOT_NOT_LATEST(409,
            "The snapshot named in the refresh request is not the dSource's latest (`context.latestSnapshotId` "
                    + "is); refresh to that one, or omit `snapshotId`."),

    // sync policies
    POLICY_IN_USE(409,
            "The sync policy cannot be deleted while dSources follow it (`context.dsourceIds` names them); unassign "
                    + "them first."),
    NOT_ASSIGNED(404,
            "The dSource does not follow this sync policy, so there is no assignment to remove.");

    /** snapshot-service's whole catalogue: the common codes, then these; and the codes of its jobs' results. */
    public static final ProblemCatalogue CATALOGUE = ProblemCatalogue.of("snapshot-service", values())
            .withJobCodes(SnapSyncCode.values(), Prerequisite.values());

    private final Entry entry;

    SnapshotProblem(int status, String meaning) {
        this.entry = new Entry(status, meaning);
    }

    @Override
    public Entry entry() {
        return entry;
    }
}
