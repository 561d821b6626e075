package io.timeflow.snapshot.domain.rules;

import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateMode;
import java.util.List;

/**
 * Checks the prerequisites of a SnapSync against what is known of the staging side. Pure: the same
 * view always gives the same verdicts, in the order of {@link Prerequisite}.
 */
public final class SnapSyncPrerequisites {

    private SnapSyncPrerequisites() {
    }

    public static List<PrerequisiteResult> evaluate(StagingView v) {
        return List.of(enabledAndLinked(v), databasePresent(v), dataMounted(v), filesUnderMount(v), stateMatchesMode(v),
                noRestoreInProgress(v), pluginNotUpgrading(v));
    }

    /** The first prerequisite that does not hold, if any. */
    public static java.util.Optional<PrerequisiteResult> firstFailure(List<PrerequisiteResult> results) {
        return results.stream().filter(r -> !r.passed()).findFirst();
    }

    static PrerequisiteResult enabledAndLinked(StagingView v) {
        var p = Prerequisite.DSOURCE_ENABLED_AND_LINKED;
        if (v.deleted()) {
            return PrerequisiteResult.fail(p, "the dSource was deleted");
        }
        if (!v.linked()) {
            return PrerequisiteResult.fail(p, "the dSource is unlinked (detached) from its staging database; link it again");
        }
        if (!v.enabled()) {
            return PrerequisiteResult.fail(p, "the dSource is disabled; enable it first");
        }
        return PrerequisiteResult.pass(p, "enabled and linked");
    }

    static PrerequisiteResult databasePresent(StagingView v) {
        var p = Prerequisite.STAGING_DATABASE_PRESENT;
        if (v.databaseState() == DatabaseState.MISSING) {
            return PrerequisiteResult.fail(p, "the staging database was not found on the staging host");
        }
        return PrerequisiteResult.pass(p, "present");
    }

    static PrerequisiteResult dataMounted(StagingView v) {
        var p = Prerequisite.DATA_MOUNTED;
        return v.dataMounted() ? PrerequisiteResult.pass(p, "mounted")
                : PrerequisiteResult.fail(p, "the DATA directory of the dSource's mount is not mounted");
    }

    static PrerequisiteResult filesUnderMount(StagingView v) {
        var p = Prerequisite.FILES_UNDER_MOUNT;
        return v.filesUnderMountDir() ? PrerequisiteResult.pass(p, "every file lies directly in the DB directory")
                : PrerequisiteResult.fail(p, "some database files lie in a sub-directory of the mount's DB directory, "
                        + "which staging push does not support");
    }

    static PrerequisiteResult stateMatchesMode(StagingView v) {
        var p = Prerequisite.STATE_MATCHES_MODE;
        DatabaseState required = v.mode() == DatabaseStateMode.ONLINE ? DatabaseState.ONLINE : DatabaseState.RESTORING;
        boolean cannotMonitor = v.activeFaultCodes().contains(StagingView.CANNOT_MONITOR);
        if (v.databaseState() != required || !v.stateSupported() || cannotMonitor) {
            String state = v.databaseState() == null ? "unknown" : v.databaseState().name();
            return PrerequisiteResult.fail(p, "the staging database is " + state + ", but a " + v.mode()
                    + "-mode dSource needs it " + required + (cannotMonitor ? " (fault CANNOT_MONITOR is active)" : ""));
        }
        return PrerequisiteResult.pass(p, required.name());
    }

    static PrerequisiteResult noRestoreInProgress(StagingView v) {
        var p = Prerequisite.NO_RESTORE_IN_PROGRESS;
        return v.restoreInProgressId()
                .map(id -> PrerequisiteResult.fail(p, "restore " + id + " is in progress on the staging database"))
                .orElseGet(() -> PrerequisiteResult.pass(p, "no restore in progress"));
    }

    static PrerequisiteResult pluginNotUpgrading(StagingView v) {
        var p = Prerequisite.PLUGIN_NOT_UPGRADING;
        return v.pluginUpgrade().map(u -> PrerequisiteResult.fail(p, u))
                .orElseGet(() -> PrerequisiteResult.pass(p, "no upgrade of the plugin under way"));
    }
}
