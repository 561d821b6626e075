package io.timeflow.snapshot.domain.rules;

import io.timeflow.platform.problem.Warning;

/**
 * The warnings the rules give, with their sentences (a SnapSync's and a provisioning's); their codes are
 * {@link SnapSyncCode}s.
 */
public final class Warnings {

    private Warnings() {
    }

    public static Warning sourceReadOnly() {
        return new Warning(SnapSyncCode.SOURCE_READ_ONLY_BACKUP, "the backup was taken while the source database was "
                + "read-only: VDBs provisioned from this snapshot may fail to start; set the source read-write, take a "
                + "new backup, restore it and SnapSync again");
    }
}
