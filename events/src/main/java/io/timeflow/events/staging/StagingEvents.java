package io.timeflow.events.staging;

import io.timeflow.events.EventType;
import io.timeflow.events.Topic;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** The event types published on {@code timeflow.staging.v1} by staging-service. */
public final class StagingEvents {

    public static final EventType<EnvironmentRegistered> ENVIRONMENT_REGISTERED = EventType.of(
            "io.timeflow.staging.environment.registered.v1", EnvironmentRegistered.class, Topic.STAGING,
            "environment", "A staging environment was registered.",
            new EnvironmentRegistered("6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10", "sqlstage-01", "sqlstage-01.corp.example",
                    "WINDOWS", "Europe/Paris", "C:\\Program Files\\Delphix\\DelphixConnector",
                    Instant.parse("2026-11-23T08:00:00Z")));

    private static final String DSOURCE = "dsource";
    private static final String D = "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01";
    private static final String ENV = "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10";
    private static final String MOUNT =
            "C:\\Program Files\\Delphix\\DelphixConnector\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\DATA\\DB";
    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");

    public static final EventType<DSourceLinked> DSOURCE_LINKED = EventType.of(
            "io.timeflow.staging.dsource.linked.v1", DSourceLinked.class, Topic.STAGING, DSOURCE,
            "A staging-push dSource was linked; its staging database lives on the mount the service assigned.",
            new DSourceLinked(D, "sales-staging", "sales_staging", DatabaseStateMode.RESTORING, ENV,
                    "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45", "mssql-staging-push", MOUNT, "Europe/Paris", T, List.of("PRE_SYNC"),
                    "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "STAGING_PUSH"));

    public static final EventType<DSourceUpdated> DSOURCE_UPDATED = EventType.of(
            "io.timeflow.staging.dsource.updated.v1", DSourceUpdated.class, Topic.STAGING, DSOURCE,
            "Descriptive settings of a dSource (notes, hooks, target group) changed.",
            new DSourceUpdated(D, List.of("notes", "hooks"), T, List.of("PRE_SYNC", "POST_SYNC")));

    public static final EventType<DSourceEnabled> DSOURCE_ENABLED = EventType.of(
            "io.timeflow.staging.dsource.enabled.v1", DSourceEnabled.class, Topic.STAGING, DSOURCE,
            "A dSource was enabled; warnings carry SKIP_ATTACH_OPERATION when the attach was skipped.",
            new DSourceEnabled(D, List.of("SKIP_ATTACH_OPERATION"), T));

    public static final EventType<DSourceDisabled> DSOURCE_DISABLED = EventType.of(
            "io.timeflow.staging.dsource.disabled.v1", DSourceDisabled.class, Topic.STAGING, DSOURCE,
            "A dSource was disabled.", new DSourceDisabled(D, T));

    public static final EventType<DSourceDetached> DSOURCE_DETACHED = EventType.of(
            "io.timeflow.staging.dsource.detached.v1", DSourceDetached.class, Topic.STAGING, DSOURCE,
            "A dSource was unlinked from its staging database; its snapshots stay usable.",
            new DSourceDetached(D, T));

    public static final EventType<DSourceAttached> DSOURCE_ATTACHED = EventType.of(
            "io.timeflow.staging.dsource.attached.v1", DSourceAttached.class, Topic.STAGING, DSOURCE,
            "A detached dSource was linked again, possibly to a new staging database name.",
            new DSourceAttached(D, "sales_staging_2", DatabaseStateMode.RESTORING, ENV,
                    "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45", T, MOUNT, "Europe/Paris"));

    public static final EventType<DSourceDeleted> DSOURCE_DELETED = EventType.of(
            "io.timeflow.staging.dsource.deleted.v1", DSourceDeleted.class, Topic.STAGING, DSOURCE,
            "A dSource was deleted.", new DSourceDeleted(D, T));

    public static final EventType<RestoreStarted> RESTORE_STARTED = EventType.of(
            "io.timeflow.staging.restore.started.v1", RestoreStarted.class, Topic.STAGING, DSOURCE,
            "A restore into the staging database began.",
            new RestoreStarted(D, "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f", BackupType.LOG, T));

    public static final EventType<RestoreCompleted> RESTORE_COMPLETED = EventType.of(
            "io.timeflow.staging.restore.completed.v1", RestoreCompleted.class, Topic.STAGING, DSOURCE,
            "A restore finished; its backup set is now the dSource's last restored backup.",
            new RestoreCompleted(D, "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f",
                    new BackupSet(BackupType.LOG, "\\\\10-43-89-18\\Backup\\sp_log_0800.trn",
                            new BigInteger("34000000021600001"), new BigInteger("34000000023200001"),
                            new BigInteger("34000000021600001"), new BigInteger("34000000016800037"),
                            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", T.minusSeconds(600), T.minusSeconds(590), false),
                    false, true, List.of(MOUNT + "\\sp.mdf", MOUNT + "\\sp_log.ldf"), T.minusSeconds(60), T));

    public static final EventType<RestoreFailed> RESTORE_FAILED = EventType.of(
            "io.timeflow.staging.restore.failed.v1", RestoreFailed.class, Topic.STAGING, DSOURCE,
            "A restore failed on the staging host; the last restored backup is unchanged.",
            new RestoreFailed(D, "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f", BackupType.LOG,
                    "Msg 4320: the file was not fully restored by a database or file restore", T.minusSeconds(60), T));

    public static final EventType<DatabaseStateChanged> DATABASE_STATE_CHANGED = EventType.of(
            "io.timeflow.staging.database.state-changed.v1", DatabaseStateChanged.class, Topic.STAGING, DSOURCE,
            "The staging database was observed in a new state or with other files.",
            new DatabaseStateChanged(D, DatabaseState.RESTORING, true,
                    List.of(MOUNT + "\\sp.mdf", MOUNT + "\\sp_log.ldf"), true, T, List.of()));

    public static final EventType<MountStateChanged> MOUNT_STATE_CHANGED = EventType.of(
            "io.timeflow.staging.mount.state-changed.v1", MountStateChanged.class, Topic.STAGING, DSOURCE,
            "The DATA directory of a dSource's mount was found mounted or unmounted.",
            new MountStateChanged(D, true, MOUNT, T));

    public static final EventType<FaultRaised> FAULT_RAISED = EventType.of(
            "io.timeflow.staging.fault.raised.v1", FaultRaised.class, Topic.STAGING, DSOURCE,
            "A fault became active on a dSource, e.g. CANNOT_MONITOR.",
            new FaultRaised(D, "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "CANNOT_MONITOR", "CRITICAL",
                    "staging database is ONLINE, which a RESTORING-mode dSource does not support", T));

    public static final EventType<FaultResolved> FAULT_RESOLVED = EventType.of(
            "io.timeflow.staging.fault.resolved.v1", FaultResolved.class, Topic.STAGING, DSOURCE,
            "A fault ended: its condition cleared, or a user resolved or ignored it.",
            new FaultResolved(D, "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "CANNOT_MONITOR", "RESOLVED", T));

    public static final EventType<EnvironmentUpdated> ENVIRONMENT_UPDATED = EventType.of(
            "io.timeflow.staging.environment.updated.v1", EnvironmentUpdated.class, Topic.STAGING, "environment",
            "A staging environment's settings changed; the event carries all of them.",
            new EnvironmentUpdated(ENV, "sqlstage-01", "sqlstage-01.corp.example", "WINDOWS", "Europe/Berlin",
                    "C:\\Program Files\\Delphix\\DelphixConnector", List.of("timeZone"), T));

    public static final EventType<EnvironmentDeleted> ENVIRONMENT_DELETED = EventType.of(
            "io.timeflow.staging.environment.deleted.v1", EnvironmentDeleted.class, Topic.STAGING, "environment",
            "A staging environment and its repositories were removed.", new EnvironmentDeleted(ENV, T));

    public static final EventType<RepositoryAdded> REPOSITORY_ADDED = EventType.of(
            "io.timeflow.staging.repository.added.v1", RepositoryAdded.class, Topic.STAGING, "environment",
            "A SQL Server instance (repository) was added to a staging environment; keyed by the environment id.",
            new RepositoryAdded(ENV, "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45", "MSSQLSERVER", "15.0.4153.1", 1433, T));

    public static final EventType<RepositoryDeleted> REPOSITORY_DELETED = EventType.of(
            "io.timeflow.staging.repository.deleted.v1", RepositoryDeleted.class, Topic.STAGING, "environment",
            "A repository was removed from its staging environment; keyed by the environment id.",
            new RepositoryDeleted(ENV, "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45", T));

    public static final EventType<StorageStateChanged> STORAGE_STATE_CHANGED = EventType.of(
            "io.timeflow.staging.storage.state-changed.v1", StorageStateChanged.class, Topic.STAGING, DSOURCE,
            "A dSource's storage was paused at its critical threshold or resumed; after a resume LOG restores wait "
                    + "for a FULL or DIFFERENTIAL restore.",
            new StorageStateChanged(D, StorageState.RUNNING, true, T));

    public static final EventType<DSourceConverted> DSOURCE_CONVERTED = EventType.of(
            "io.timeflow.staging.dsource.converted.v1", DSourceConverted.class, Topic.STAGING, DSOURCE,
            "An ONLINE-mode dSource was converted between linked and staging-push ingestion; its timeflows and "
                    + "snapshots stay.",
            new DSourceConverted(D, "LINKED", "STAGING_PUSH", T));

    private static final String KEY = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";

    public static final EventType<ApiKeyCreated> API_KEY_CREATED = EventType.of(
            "io.timeflow.staging.api-key.created.v1", ApiKeyCreated.class, Topic.STAGING, "api-key",
            "An administrator created an API key; carries its digest (never the key) so every service can check it.",
            new ApiKeyCreated(KEY, "restore-hook-sqlstage-01", "agent",
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "admin-user", T,
                    "6f536bb3a10951c7"));

    public static final EventType<ApiKeyRevoked> API_KEY_REVOKED = EventType.of(
            "io.timeflow.staging.api-key.revoked.v1", ApiKeyRevoked.class, Topic.STAGING, "api-key",
            "An API key was revoked; every service stops accepting it.", new ApiKeyRevoked(KEY, T));

    public static List<EventType<?>> all() {
        return List.of(ENVIRONMENT_REGISTERED, DSOURCE_LINKED, DSOURCE_UPDATED, DSOURCE_ENABLED, DSOURCE_DISABLED,
                DSOURCE_DETACHED, DSOURCE_ATTACHED, DSOURCE_DELETED, RESTORE_STARTED, RESTORE_COMPLETED, RESTORE_FAILED,
                DATABASE_STATE_CHANGED, MOUNT_STATE_CHANGED, FAULT_RAISED, FAULT_RESOLVED,
                ENVIRONMENT_UPDATED, ENVIRONMENT_DELETED, REPOSITORY_ADDED, REPOSITORY_DELETED, STORAGE_STATE_CHANGED,
                API_KEY_CREATED, API_KEY_REVOKED, DSOURCE_CONVERTED);
    }

    private StagingEvents() {
    }
}
