package io.timeflow.snapshot.domain.rules;

/** A warning a job or a provisioning carries: a stable code and a sentence for people. */
public record Warning(String code, String message) {

    public static final String NO_BACKUP_FOUND = "NO_BACKUP_FOUND";
    public static final String SNAPSHOT_EXISTS_FOR_BACKUP = "SNAPSHOT_EXISTS_FOR_BACKUP";
    public static final String SNAPSYNC_IN_PROGRESS = "SNAPSYNC_IN_PROGRESS";
    public static final String SOURCE_READ_ONLY_BACKUP = "SOURCE_READ_ONLY_BACKUP";

    public static Warning sourceReadOnly() {
        return new Warning(SOURCE_READ_ONLY_BACKUP, "the backup was taken while the source database was read-only: "
                + "VDBs provisioned from this snapshot may fail to start; set the source read-write, take a new backup, "
                + "restore it and SnapSync again");
    }
}
