package io.timeflow.snapshot.domain.rules;

/**
 * The prerequisites of a SnapSync, as the staging-push rules list them (plus the plugin-upgrade guard). Each is
 * reported pass/fail by a SnapSync job and by the read-only readiness check; the first one that
 * fails names the job's failure.
 */
public enum Prerequisite {
    DSOURCE_ENABLED_AND_LINKED("the dSource is enabled and linked to its staging database"),
    STAGING_DATABASE_PRESENT("the staging database is present on the staging host"),
    DATA_MOUNTED("the DATA directory is mounted"),
    FILES_UNDER_MOUNT("the database files lie directly in the mount's DB directory"),
    STATE_MATCHES_MODE("the staging database is in the state its mode requires (RESTORING, or ONLINE for ONLINE mode)"),
    NO_RESTORE_IN_PROGRESS("no restore is in progress on the staging database"),
    PLUGIN_NOT_UPGRADING("the dSource's plugin is not being upgraded");

    private final String description;

    Prerequisite(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
