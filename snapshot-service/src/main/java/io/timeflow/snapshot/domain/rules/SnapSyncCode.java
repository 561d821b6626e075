package io.timeflow.snapshot.domain.rules;

import io.timeflow.platform.jobs.JobCode;

/**
 * The codes a SnapSync job's result carries, besides the {@link Prerequisite} that failed it: the {@code code} of a
 * job that was skipped, failed or was cancelled, and the {@code code} of a warning (of a SnapSync, or of a VDB
 * provisioned from its snapshot). {@code docs/problems/snapshot-service.md} lists them after the problem codes.
 */
public enum SnapSyncCode implements JobCode {

    // skipped: the job's code and its warning's
    NO_BACKUP_FOUND(
            "The SnapSync was skipped: snapshot-service knows no completed restore of the dSource, so there is nothing "
                    + "to snapshot; restore a backup into the staging database first, then SnapSync again."),
    SNAPSHOT_EXISTS_FOR_BACKUP(
            "The SnapSync was skipped: a snapshot of the last restored backup is already in the current timeflow "
                    + "(`existingSnapshotId` names it); restore a newer backup before the next SnapSync."),
    SNAPSYNC_IN_PROGRESS(
            "A sync policy's scheduled run was skipped because another SnapSync of the dSource was pending or "
                    + "running (the message names it); runs never overlap, and the policy's next run tries again."),

    // failed
    BACKUP_NOT_LAST_RESTORED(
            "The SnapSync named a restore (`requestedRestoreId`) that was no longer the dSource's last restored backup "
                    + "when it ran, and SnapSync only snapshots that one; ask again without `restoreId` or with the "
                    + "last one."),
    UNKNOWN_DSOURCE(
            "The SnapSync's dSource was no longer known to snapshot-service when the job ran, so no snapshot was "
                    + "taken; check that the dSource still exists."),
    PRE_SYNC_HOOK_FAILED(
            "The dSource's pre-sync hook exited with an error, ran past its time limit or was killed on the staging "
                    + "host's agent (the `PRE_SYNC_HOOK` step keeps its output), so no snapshot was taken; fix the "
                    + "hook or what it ran into, then SnapSync again."),
    NO_AGENT(
            "No agent of the dSource's staging environment took the pre-sync hook in time, so no snapshot was taken; "
                    + "check that the environment's agent runs and reaches snapshot-service, then SnapSync again."),
    HOOK_LEASE_EXPIRED(
            "The agent running the pre-sync hook stopped renewing its lease (it stopped or lost its connection): the "
                    + "hook's outcome is unknown and no snapshot was taken; check the agent and the staging database, "
                    + "then SnapSync again."),
    RESTORE_NOT_SEEN(
            "The pre-sync hook reported a restore that snapshot-service did not learn from staging-service's events "
                    + "in time, so no snapshot was taken; check that staging-service's outbox relay runs, then "
                    + "SnapSync again."),
    INTERNAL_ERROR(
            "snapshot-service failed while running the SnapSync (`detail` gives a reference operators find in its "
                    + "log); the SnapSync can be asked again."),

    // cancelled
    CANCELLED(
            "The SnapSync was cancelled before it started (`detail` says by whom) and did nothing."),

    // warnings
    POST_SYNC_HOOK_FAILED(
            "The snapshot was taken and is kept (the job SUCCEEDED), but the dSource's post-sync hook failed, no agent "
                    + "took it in time, or its agent stopped renewing the lease (the message says which); check the "
                    + "hook and the agent."),
    SOURCE_READ_ONLY_BACKUP(
            "The snapshot (of a SnapSync, or of a provisioned VDB) holds a backup taken while the source database was "
                    + "read-only, and VDBs provisioned from it may fail to start; set the source read-write, take a "
                    + "new backup, restore it and SnapSync again.");

    private final String meaning;

    SnapSyncCode(String meaning) {
        this.meaning = meaning;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
