package io.timeflow.staging.domain;

import io.timeflow.platform.jobs.JobCode;

/**
 * The codes of the warnings staging-service's operations succeed with (the {@code warnings} of an enable, an
 * attach, a storage report or a restore's start, and of the {@code DSourceEnabled} event). They are no refusals:
 * those are {@link StagingProblem}s. {@link StagingProblem#CATALOGUE} lists them after the problem codes.
 */
public enum StagingWarning implements JobCode {

    // dSources
    SKIP_ATTACH_OPERATION(
            "An enable succeeded although the staging database was not attached: the attach by the agent of the "
                    + "dSource's environment failed, no agent was running, or it did not end in time "
                    + "(`timeflow.agent.attach-wait`); the message gives the reason, and the `DSourceEnabled` event "
                    + "carries the code too. The previous database files stay on the mount: drop a database of the "
                    + "same name that Timeflow does not manage, or restore a FULL backup WITH REPLACE, before the next "
                    + "SnapSync."),
    DATABASE_STATE_CHANGED(
            "An attach succeeded with another database state mode than the dSource was linked with (the message "
                    + "names both), so enabling it is refused with the problem of the same code; detach it and attach "
                    + "it again with the mode it was linked with."),
    LOG_RESTORE_AFTER_RESUME(
            "A storage report said the dSource's storage runs again after a pause at its critical threshold: "
                    + "restoring a transaction log may now fail in SQL Server (Msg 4320), so log restores are refused "
                    + "(`LOG_RESTORE_NEEDS_REBASE`) until a FULL or DIFFERENTIAL backup is restored; restore one "
                    + "next."),

    // restores
    SOURCE_READ_ONLY(
            "The backup set of a restore reported started says the source database was read-only when the backup "
                    + "was taken: the restore goes on and snapshots will succeed, but provisioning VDBs from them may "
                    + "fail; set the source database read-write and take a new backup.");

    private final String meaning;

    StagingWarning(String meaning) {
        this.meaning = meaning;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
