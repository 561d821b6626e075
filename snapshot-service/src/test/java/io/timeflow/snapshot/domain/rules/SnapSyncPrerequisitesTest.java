package io.timeflow.snapshot.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each SnapSync prerequisite of the staging-push rules, pass and fail, as a pure decision. */
class SnapSyncPrerequisitesTest {

    static StagingView ready(DatabaseStateMode mode) {
        DatabaseState state = mode == DatabaseStateMode.ONLINE ? DatabaseState.ONLINE : DatabaseState.RESTORING;
        return new StagingView(mode, true, true, false, state, true, true, true, Optional.empty(), Set.of(),
                Optional.empty());
    }

    static List<Prerequisite> failed(StagingView v) {
        return SnapSyncPrerequisites.evaluate(v).stream().filter(r -> !r.passed()).map(PrerequisiteResult::prerequisite)
                .toList();
    }

    @Test
    void aReadyDSourcePassesEveryPrerequisiteInTheDocumentedOrder() {
        List<PrerequisiteResult> results = SnapSyncPrerequisites.evaluate(ready(DatabaseStateMode.RESTORING));
        assertThat(results).extracting(PrerequisiteResult::prerequisite).containsExactly(Prerequisite.values());
        assertThat(results).allMatch(PrerequisiteResult::passed);
    }

    @Test
    void theDSourceMustBeEnabledAndLinkedAndNotDeleted() {
        var v = ready(DatabaseStateMode.RESTORING);
        assertThat(failed(new StagingView(v.mode(), false, true, false, v.databaseState(), true, true, true,
                Optional.empty(), Set.of(), Optional.empty()))).containsExactly(Prerequisite.DSOURCE_ENABLED_AND_LINKED);
        assertThat(failed(new StagingView(v.mode(), true, false, false, v.databaseState(), true, true, true,
                Optional.empty(), Set.of(), Optional.empty()))).containsExactly(Prerequisite.DSOURCE_ENABLED_AND_LINKED);
        assertThat(failed(new StagingView(v.mode(), true, true, true, v.databaseState(), true, true, true,
                Optional.empty(), Set.of(), Optional.empty()))).containsExactly(Prerequisite.DSOURCE_ENABLED_AND_LINKED);
    }

    @Test
    void theStagingDatabaseMustBePresent() {
        var v = new StagingView(DatabaseStateMode.RESTORING, true, true, false, DatabaseState.MISSING, false, true, true,
                Optional.empty(), Set.of(), Optional.empty());
        assertThat(failed(v)).contains(Prerequisite.STAGING_DATABASE_PRESENT);
    }

    @Test
    void theDataDirectoryMustBeMountedAndTheFilesDirectlyUnderIt() {
        var unmounted = new StagingView(DatabaseStateMode.RESTORING, true, true, false, DatabaseState.RESTORING, true,
                false, true, Optional.empty(), Set.of(), Optional.empty());
        assertThat(failed(unmounted)).containsExactly(Prerequisite.DATA_MOUNTED);
        var subDirectory = new StagingView(DatabaseStateMode.RESTORING, true, true, false, DatabaseState.RESTORING, true,
                true, false, Optional.empty(), Set.of(), Optional.empty());
        assertThat(failed(subDirectory)).containsExactly(Prerequisite.FILES_UNDER_MOUNT);
    }

    @Test
    void restoringModeNeedsRestoringAndOnlineModeNeedsOnline() {
        for (DatabaseState state : DatabaseState.values()) {
            var restoring = new StagingView(DatabaseStateMode.RESTORING, true, true, false, state, true, true, true,
                    Optional.empty(), Set.of(), Optional.empty());
            assertThat(failed(restoring).contains(Prerequisite.STATE_MATCHES_MODE))
                    .as("RESTORING mode, state %s", state).isEqualTo(state != DatabaseState.RESTORING);
            var online = new StagingView(DatabaseStateMode.ONLINE, true, true, false, state, true, true, true,
                    Optional.empty(), Set.of(), Optional.empty());
            assertThat(failed(online).contains(Prerequisite.STATE_MATCHES_MODE))
                    .as("ONLINE mode, state %s", state).isEqualTo(state != DatabaseState.ONLINE);
        }
    }

    @Test
    void anActiveCannotMonitorFaultFailsTheStatePrerequisiteAndNamesTheFault() {
        var v = new StagingView(DatabaseStateMode.RESTORING, true, true, false, DatabaseState.RESTORING, true, true,
                true, Optional.empty(), Set.of("CANNOT_MONITOR"), Optional.empty());
        PrerequisiteResult state = SnapSyncPrerequisites.evaluate(v).get(4);
        assertThat(state.prerequisite()).isEqualTo(Prerequisite.STATE_MATCHES_MODE);
        assertThat(state.passed()).isFalse();
        assertThat(state.detail()).contains("CANNOT_MONITOR");
        var otherFault = new StagingView(DatabaseStateMode.RESTORING, true, true, false, DatabaseState.RESTORING, true,
                true, true, Optional.empty(), Set.of("STORAGE_LOW"), Optional.empty());
        assertThat(failed(otherFault)).isEmpty();
    }

    @Test
    void noRestoreMayBeInProgressAndThePluginMustNotBeUpgrading() {
        var restoring = new StagingView(DatabaseStateMode.RESTORING, true, true, false, DatabaseState.RESTORING, true,
                true, true, Optional.of("r-1"), Set.of(), Optional.empty());
        assertThat(failed(restoring)).containsExactly(Prerequisite.NO_RESTORE_IN_PROGRESS);
        var upgrading = new StagingView(DatabaseStateMode.RESTORING, true, true, false, DatabaseState.RESTORING, true,
                true, true, Optional.empty(), Set.of(), Optional.of("plugin p is being upgraded"));
        assertThat(failed(upgrading)).containsExactly(Prerequisite.PLUGIN_NOT_UPGRADING);
    }

    @Test
    void theFirstFailureIsTheOneInDocumentedOrder() {
        var v = new StagingView(DatabaseStateMode.RESTORING, false, true, false, DatabaseState.ONLINE, false, false,
                true, Optional.of("r"), Set.of(), Optional.empty());
        assertThat(SnapSyncPrerequisites.firstFailure(SnapSyncPrerequisites.evaluate(v)).orElseThrow().prerequisite())
                .isEqualTo(Prerequisite.DSOURCE_ENABLED_AND_LINKED);
    }
}
