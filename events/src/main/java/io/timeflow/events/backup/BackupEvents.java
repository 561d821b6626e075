package io.timeflow.events.backup;

import io.timeflow.events.EventType;
import io.timeflow.events.Topic;
import java.time.Instant;
import java.util.List;

/** The event types published on {@code timeflow.backup.v1} by backup-service. */
public final class BackupEvents {

    private static final String BACKUP = "backup";
    private static final String RESTORE = "restore";
    private static final String B = "0b7e2c4a-5d1f-4e3a-9c8b-7a6d5e4f3a21";
    private static final String R = "9a1b2c3d-4e5f-4a6b-8c7d-1e2f3a4b5c6d";
    private static final String SAFETY = "5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f";
    private static final Instant T = Instant.parse("2026-11-23T02:00:00Z");

    public static final EventType<BackupCreated> BACKUP_CREATED = EventType.of(
            "io.timeflow.backup.backup.created.v1", BackupCreated.class, Topic.BACKUP, BACKUP,
            "A backup archive of every service's schema was written and stored.",
            new BackupCreated(B, "SCHEDULED", "0.1.0",
                    List.of(new BackupCreated.SchemaVersion("staging", "1"),
                            new BackupCreated.SchemaVersion("snapshot", "1")),
                    212_000_000L, "3f9a1c0d2b4e6f81", T, T.plusSeconds(7)));

    public static final EventType<BackupFailed> BACKUP_FAILED = EventType.of(
            "io.timeflow.backup.backup.failed.v1", BackupFailed.class, Topic.BACKUP, BACKUP,
            "A backup did not produce an archive; nothing was stored.",
            new BackupFailed(B, "MANUAL", "STORAGE_FAILED", "the backup directory is not writable", T.plusSeconds(3)));

    public static final EventType<BackupDeleted> BACKUP_DELETED = EventType.of(
            "io.timeflow.backup.backup.deleted.v1", BackupDeleted.class, Topic.BACKUP, BACKUP,
            "A stored backup archive was deleted, by an operator or by the schedule's retention.",
            new BackupDeleted(B, "RETENTION", T.plusSeconds(8)));

    public static final EventType<MaintenanceStarted> MAINTENANCE_STARTED = EventType.of(
            "io.timeflow.backup.maintenance.started.v1", MaintenanceStarted.class, Topic.BACKUP, RESTORE,
            "The suite entered maintenance for a restore: every service refuses writes with 503 until it ends.",
            new MaintenanceStarted(R, "RESTORE", "restoring backup " + B, T.plusSeconds(60)));

    public static final EventType<RestoreStarted> RESTORE_STARTED = EventType.of(
            "io.timeflow.backup.restore.started.v1", RestoreStarted.class, Topic.BACKUP, RESTORE,
            "A restore from a verified backup began.",
            new RestoreStarted(R, B, "0.1.0", "0.2.0", T.plusSeconds(61)));

    public static final EventType<RestoreCompleted> RESTORE_COMPLETED = EventType.of(
            "io.timeflow.backup.restore.completed.v1", RestoreCompleted.class, Topic.BACKUP, RESTORE,
            "A restore swapped the restored data in; every service serves it now. Views of Timeflow data should resynchronise.",
            new RestoreCompleted(R, B, SAFETY, "0.1.0", "0.2.0", true, List.of("staging", "snapshot"), T,
                    T.plusSeconds(75)));

    public static final EventType<RestoreFailed> RESTORE_FAILED = EventType.of(
            "io.timeflow.backup.restore.failed.v1", RestoreFailed.class, Topic.BACKUP, RESTORE,
            "A restore failed; the data in place is the data as it was before it.",
            new RestoreFailed(R, B, "ARCHIVE_TAMPERED", "chunk 12 of the archive failed authentication",
                    T.plusSeconds(62)));

    public static final EventType<MaintenanceEnded> MAINTENANCE_ENDED = EventType.of(
            "io.timeflow.backup.maintenance.ended.v1", MaintenanceEnded.class, Topic.BACKUP, RESTORE,
            "The suite left maintenance; writes are accepted again.",
            new MaintenanceEnded(R, "RESTORE", "SUCCEEDED", T.plusSeconds(76)));

    public static List<EventType<?>> all() {
        return List.of(BACKUP_CREATED, BACKUP_FAILED, BACKUP_DELETED, MAINTENANCE_STARTED, RESTORE_STARTED,
                RESTORE_COMPLETED, RESTORE_FAILED, MAINTENANCE_ENDED);
    }

    private BackupEvents() {
    }
}
