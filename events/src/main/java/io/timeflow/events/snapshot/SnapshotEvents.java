package io.timeflow.events.snapshot;

import io.timeflow.events.EventType;
import io.timeflow.events.Topic;
import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * The event types published on {@code timeflow.snapshot.v1} by snapshot-service, keyed by dSource id
 * (sync policy events by policy id).
 */
public final class SnapshotEvents {

    private static final String DSOURCE = "dsource";
    private static final String D = "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01";
    private static final String SNAPSHOT = "5b0e3c1d-7a2f-4e68-9b14-2c3d4e5f6a70";
    private static final String TIMEFLOW = "a7d1e2f3-4b5c-4d6e-8f90-1a2b3c4d5e6f";
    private static final String JOB = "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8";
    private static final String RESTORE = "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f";
    private static final String FORK = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");

    public static final EventType<SnapshotCreated> SNAPSHOT_CREATED = EventType.of(
            "io.timeflow.snapshot.snapshot.created.v1", SnapshotCreated.class, Topic.SNAPSHOT, DSOURCE,
            "SnapSync took a snapshot of the last restored backup (or, at link, of the empty staging database).",
            new SnapshotCreated(D, SNAPSHOT, TIMEFLOW, JOB, "REQUEST", RESTORE,
                    new BackupSet(BackupType.LOG, "\\\\10-43-89-18\\Backup\\sp_log_0800.trn",
                            new BigInteger("34000000021600001"), new BigInteger("34000000023200001"),
                            new BigInteger("34000000021600001"), new BigInteger("34000000016800037"),
                            FORK, T.minusSeconds(600), T.minusSeconds(590), false),
                    false, false, T, "Europe/Paris", "2026-11-23T09:00:00+01:00"));

    public static final EventType<SnapSyncSkipped> SNAPSYNC_SKIPPED = EventType.of(
            "io.timeflow.snapshot.snapsync.skipped.v1", SnapSyncSkipped.class, Topic.SNAPSHOT, DSOURCE,
            "A SnapSync took no snapshot: NO_BACKUP_FOUND, SNAPSHOT_EXISTS_FOR_BACKUP or SNAPSYNC_IN_PROGRESS.",
            new SnapSyncSkipped(D, JOB, "POLICY", "SNAPSHOT_EXISTS_FOR_BACKUP",
                    "snapshot " + SNAPSHOT + " already holds the last restored backup in the current timeflow",
                    SNAPSHOT, T));

    public static final EventType<SnapSyncFailed> SNAPSYNC_FAILED = EventType.of(
            "io.timeflow.snapshot.snapsync.failed.v1", SnapSyncFailed.class, Topic.SNAPSHOT, DSOURCE,
            "A SnapSync failed because a prerequisite did not hold; code names the first one.",
            new SnapSyncFailed(D, JOB, "REQUEST", "STATE_MATCHES_MODE",
                    "the staging database is ONLINE, which a RESTORING-mode dSource does not support (CANNOT_MONITOR)",
                    List.of("STATE_MATCHES_MODE"), T));

    public static final EventType<SnapshotDeleted> SNAPSHOT_DELETED = EventType.of(
            "io.timeflow.snapshot.snapshot.deleted.v1", SnapshotDeleted.class, Topic.SNAPSHOT, DSOURCE,
            "A snapshot was deleted by a user, by a sync policy's retention, or with its dSource.",
            new SnapshotDeleted(D, SNAPSHOT, TIMEFLOW, "RETENTION",
                    "policy nightly keeps the newest 7 snapshots; this one is the 8th", T));

    public static final EventType<TimeflowCreated> TIMEFLOW_CREATED = EventType.of(
            "io.timeflow.snapshot.timeflow.created.v1", TimeflowCreated.class, Topic.SNAPSHOT, DSOURCE,
            "A dSource started a new timeflow: at link, or when the recovery fork of a RESTORING-mode dSource changed.",
            new TimeflowCreated(D, TIMEFLOW, 2, FORK, "RECOVERY_FORK_CHANGED", "11d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
                    T));

    public static final EventType<VdbProvisioned> VDB_PROVISIONED = EventType.of(
            "io.timeflow.snapshot.vdb.provisioned.v1", VdbProvisioned.class, Topic.SNAPSHOT, DSOURCE,
            "A VDB was provisioned from a snapshot; warnings carry SOURCE_READ_ONLY_BACKUP when it may not start.",
            new VdbProvisioned(D, "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "sales-dev", SNAPSHOT, TIMEFLOW,
                    "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10", List.of(), T));

    public static final EventType<VdbDeleted> VDB_DELETED = EventType.of(
            "io.timeflow.snapshot.vdb.deleted.v1", VdbDeleted.class, Topic.SNAPSHOT, DSOURCE,
            "A VDB was deleted; its snapshot no longer has it as a dependant.",
            new VdbDeleted(D, "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "sales-dev", SNAPSHOT, T));

    public static final EventType<VdbRefreshed> VDB_REFRESHED = EventType.of(
            "io.timeflow.snapshot.vdb.refreshed.v1", VdbRefreshed.class, Topic.SNAPSHOT, DSOURCE,
            "A VDB was refreshed to the latest snapshot of its dSource; the snapshot it was on loses it as a dependant.",
            new VdbRefreshed(D, "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "sales-dev", SNAPSHOT,
                    "6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f", TIMEFLOW, T));

    private static final String POLICY = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    public static final EventType<SyncPolicyCreated> SYNC_POLICY_CREATED = EventType.of(
            "io.timeflow.snapshot.sync-policy.created.v1", SyncPolicyCreated.class, Topic.SNAPSHOT, "sync-policy",
            "A SnapSync policy was created; a dSource can be linked with it as its default policy. Keyed by policy id.",
            new SyncPolicyCreated(POLICY, "nightly", T));

    public static final EventType<SyncPolicyDeleted> SYNC_POLICY_DELETED = EventType.of(
            "io.timeflow.snapshot.sync-policy.deleted.v1", SyncPolicyDeleted.class, Topic.SNAPSHOT, "sync-policy",
            "A SnapSync policy was deleted. Keyed by policy id.", new SyncPolicyDeleted(POLICY, T));

    public static List<EventType<?>> all() {
        return List.of(SNAPSHOT_CREATED, SNAPSYNC_SKIPPED, SNAPSYNC_FAILED, SNAPSHOT_DELETED, TIMEFLOW_CREATED,
                VDB_PROVISIONED, VDB_DELETED, VDB_REFRESHED, SYNC_POLICY_CREATED, SYNC_POLICY_DELETED);
    }

    private SnapshotEvents() {
    }
}
