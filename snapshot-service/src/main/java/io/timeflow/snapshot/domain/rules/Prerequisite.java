package io.timeflow.snapshot.domain.rules;

import io.timeflow.platform.jobs.JobCode;

/**
 * The prerequisites of a SnapSync, as the staging-push rules list them (plus the plugin-upgrade guard). Each is
 * reported pass/fail by a SnapSync job and by the read-only readiness check; the first one that
 * fails names the job's failure, so each is also a code of a job's result.
 */
public enum Prerequisite implements JobCode {
    DSOURCE_ENABLED_AND_LINKED("the dSource is enabled and linked to its staging database",
            "The SnapSync failed because the dSource was deleted, is unlinked (detached) from its staging database, "
                    + "or is disabled (`detail` says which); link or enable it, then SnapSync again."),
    STAGING_DATABASE_PRESENT("the staging database is present on the staging host",
            "The SnapSync failed because the staging database was not found on the staging host; create or restore "
                    + "it there, then SnapSync again."),
    DATA_MOUNTED("the DATA directory is mounted",
            "The SnapSync failed because the DATA directory of the dSource's mount is not mounted on the staging "
                    + "host; mount it, then SnapSync again."),
    FILES_UNDER_MOUNT("the database files lie directly in the mount's DB directory",
            "The SnapSync failed because some of the staging database's files lie in a sub-directory of the mount's "
                    + "DB directory, which staging push does not support; move them directly into that directory."),
    STATE_MATCHES_MODE("the staging database is in the state its mode requires (RESTORING, or ONLINE for ONLINE mode)",
            "The SnapSync failed because the staging database is not in the state the dSource's mode requires "
                    + "(RESTORING, or ONLINE for ONLINE mode), or staging-service cannot monitor it (`detail` says "
                    + "what was found); bring it to that state, then SnapSync again."),
    NO_RESTORE_IN_PROGRESS("no restore is in progress on the staging database",
            "The SnapSync failed because a restore was in progress on the staging database; SnapSync again once it "
                    + "has ended."),
    PLUGIN_NOT_UPGRADING("the dSource's plugin is not being upgraded",
            "The SnapSync failed because the dSource's plugin is being upgraded (`detail` names the upgrade); "
                    + "SnapSync again once the upgrade has ended.");

    private final String description;
    private final String meaning;

    Prerequisite(String description, String meaning) {
        this.description = description;
        this.meaning = meaning;
    }

    public String description() {
        return description;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
