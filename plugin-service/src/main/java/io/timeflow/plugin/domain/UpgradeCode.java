package io.timeflow.plugin.domain;

import io.timeflow.platform.jobs.JobCode;

/**
 * The codes an upgrade (or a dry run) carries in its result: the {@code error.code} of a line of its per-object
 * report, and that of the upgrade itself and of its {@code upgrade.failed} event, which is the code of the first
 * object that failed (or why the job itself ended). They are no answer to a request: those are
 * {@link PluginProblem}s.
 */
public enum UpgradeCode implements JobCode {

    MIGRATION_FAILED("A data migration raised an exception of its own, or the sandbox's runtime reported a kind of "
            + "failure this service does not know; `message` names the object, the migration, the exception and "
            + "where it was raised. Fix the migration and request the upgrade again with the corrected bundle."),
    MIGRATION_RESULT_INVALID("A data migration returned something other than a dict, or returned data JSON cannot "
            + "hold (such as a set, or NaN); `message` names the object and the migration. Make the migration return a "
            + "dict of JSON values."),
    SANDBOX_VIOLATION("A data migration did something migrations may not (read a file or the environment, reach the "
            + "network or the host JVM, start a process or a thread, load native code, exit, call a platform library "
            + "not offered to migrations), or the sandbox stopped it for another reason; `message` names the object "
            + "and the migration. Take that out of the migration."),
    MIGRATION_TIMED_OUT("A data migration ran longer on one object than a migration call may (5 seconds unless the "
            + "operators set another limit) and the sandbox stopped it, and with it the upgrade: objects not reached "
            + "yet were not run. Make the migration faster."),
    MIGRATION_LIMIT_EXCEEDED("A data migration executed more statements on one object than a migration call may "
            + "(1,000,000 unless the operators set another limit) and the sandbox stopped it, and with it the upgrade: "
            + "objects not reached yet were not run. Look for a loop that does not end."),
    SCHEMA_VALIDATION_FAILED("An object, after the new migrations of its type (or none), does not conform to the new "
            + "version's schema; `message` names the object and up to five violations by field path and rule. Fix the "
            + "migrations or the schema."),
    NOT_RUN("Only on a report line: the sandbox stopped the batch the object was in, at another object whose line "
            + "says why, so this one has no result. Nothing is known against it."),
    UPGRADE_INTERRUPTED("The replica running the upgrade stopped before it ended; the upgrade changed nothing and the "
            + "plugin stays on its installed version. Request the upgrade again."),
    INTERNAL_ERROR("The upgrade failed unexpectedly and changed nothing; `message` gives a reference the operators "
            + "can find in the service's log. Request the upgrade again; if it fails the same way, give the operators "
            + "the reference.");

    private final String meaning;

    UpgradeCode(String meaning) {
        this.meaning = meaning;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
