package io.timeflow.staging.domain;

import io.timeflow.events.staging.StorageState;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.problem.Warning;
import java.util.List;

/**
 * The storage critical-threshold rule of staging push: storage that passes its critical threshold is
 * paused (restores into the staging database fail meanwhile); once it resumes, a transaction log
 * cannot be applied directly (SQL Server Msg 4320) until a FULL or DIFFERENTIAL restore re-bases
 * the database. A resume answers with the warning {@link StagingWarning#LOG_RESTORE_AFTER_RESUME}.
 */
public final class StorageRules {

    private StorageRules() {
    }

    /** The outcome of a storage report: the new state, whether log restores now wait for a re-base, the warnings. */
    public record Transition(StorageState state, boolean changed, boolean logRestoreNeedsRebase, List<Warning> warnings) {
    }

    public static Transition report(StorageState current, boolean needsRebase, StorageState reported) {
        if (reported == current) {
            return new Transition(current, false, needsRebase, List.of());
        }
        if (reported == StorageState.PAUSED_AT_CRITICAL_THRESHOLD) {
            return new Transition(reported, true, needsRebase, List.of());
        }
        // RUNNING after PAUSED_AT_CRITICAL_THRESHOLD: a resume
        return new Transition(reported, true, true, List.of(new Warning(StagingWarning.LOG_RESTORE_AFTER_RESUME,
                "storage resumed after a pause at its critical threshold: restoring a transaction log may now fail with "
                        + "SQL Server Msg 4320; log restores are refused until a FULL or DIFFERENTIAL backup is restored")));
    }

    /** Restores fail while the storage is paused: refuse to start one. */
    public static void assertRestorable(StorageState state) {
        if (state == StorageState.PAUSED_AT_CRITICAL_THRESHOLD) {
            throw ProblemException.of(StagingProblem.STORAGE_PAUSED,
                    "the dSource's storage is paused at its critical threshold: restores into the staging database fail "
                            + "until it resumes");
        }
    }
}
