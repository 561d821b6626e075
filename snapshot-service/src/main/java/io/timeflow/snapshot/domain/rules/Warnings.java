package io.timeflow.snapshot.domain.rules;

import io.timeflow.platform.problem.Warning;

/** The warning codes snapshot-service's jobs and provisionings carry, and the sentences that go with them. */
public final class Warnings {

    public static final String NO_BACKUP_FOUND = "NO_BACKUP_FOUND";
    public static final String SNAPSHOT_EXISTS_FOR_BACKUP = "SNAPSHOT_EXISTS_FOR_BACKUP";
    public static final String SNAPSYNC_IN_PROGRESS = "SNAPSYNC_IN_PROGRESS";
    public static final String SOURCE_READ_ONLY_BACKUP = "SOURCE_READ_ONLY_BACKUP";

    private Warnings() {
    }

    public static Warning sourceReadOnly() {
        return new Warning(SOURCE_READ_ONLY_BACKUP, "the backup was taken while the source database was read-only: "
                + "VDBs provisioned from this snapshot may fail to start; set the source read-write, take a new backup, "
                + "restore it and SnapSync again");
    }
}
