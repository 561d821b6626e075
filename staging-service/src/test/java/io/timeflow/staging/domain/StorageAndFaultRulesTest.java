package io.timeflow.staging.domain;

import io.timeflow.platform.problem.Warning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.events.staging.StorageState;
import io.timeflow.platform.problem.ProblemException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The storage critical-threshold rule, the supported states per mode, and how a fault follows its condition. */
class StorageAndFaultRulesTest {

    @Test
    void aResumeAfterAPauseMakesLogRestoresWaitForARebaseAndWarns() {
        var paused = StorageRules.report(StorageState.RUNNING, false, StorageState.PAUSED_AT_CRITICAL_THRESHOLD);
        assertThat(paused.changed()).isTrue();
        assertThat(paused.logRestoreNeedsRebase()).isFalse();
        var resumed = StorageRules.report(StorageState.PAUSED_AT_CRITICAL_THRESHOLD, false, StorageState.RUNNING);
        assertThat(resumed.changed()).isTrue();
        assertThat(resumed.logRestoreNeedsRebase()).isTrue();
        assertThat(resumed.warnings()).extracting(Warning::code).containsExactly("LOG_RESTORE_AFTER_RESUME");
        assertThat(resumed.warnings().get(0).message()).contains("Msg 4320");
    }

    @Test
    void reportingTheSameStorageStateAgainChangesNothing() {
        var again = StorageRules.report(StorageState.RUNNING, true, StorageState.RUNNING);
        assertThat(again.changed()).isFalse();
        assertThat(again.logRestoreNeedsRebase()).isTrue();
        assertThat(again.warnings()).isEmpty();
    }

    @Test
    void noRestoreStartsWhileStorageIsPaused() {
        assertThatThrownBy(() -> StorageRules.assertRestorable(StorageState.PAUSED_AT_CRITICAL_THRESHOLD))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("STORAGE_PAUSED");
        StorageRules.assertRestorable(StorageState.RUNNING);
    }

    @Test
    void restoringModeSupportsOnlyRestoringAndOnlineModeOnlyOnline() {
        for (DatabaseState s : DatabaseState.values()) {
            assertThat(MonitoringRules.supported(DatabaseStateMode.RESTORING, s)).as("RESTORING mode, %s", s)
                    .isEqualTo(s == DatabaseState.RESTORING);
            assertThat(MonitoringRules.supported(DatabaseStateMode.ONLINE, s)).as("ONLINE mode, %s", s)
                    .isEqualTo(s == DatabaseState.ONLINE);
        }
    }

    @Test
    void aConditionRaisesAFaultOnceAndItResolvesItselfWhenTheConditionEnds() {
        assertThat(FaultRules.onObservation(true, Optional.empty())).isEqualTo(FaultRules.Action.RAISE);
        assertThat(FaultRules.onObservation(true, Optional.of(Fault.Status.ACTIVE))).isEqualTo(FaultRules.Action.TOUCH);
        assertThat(FaultRules.onObservation(false, Optional.of(Fault.Status.ACTIVE))).isEqualTo(FaultRules.Action.RESOLVE);
        assertThat(FaultRules.onObservation(false, Optional.empty())).isEqualTo(FaultRules.Action.NONE);
    }

    @Test
    void anIgnoredFaultIsNotRaisedAgainWhileItsConditionLastsAndClosesWhenItEnds() {
        assertThat(FaultRules.onObservation(true, Optional.of(Fault.Status.IGNORED))).isEqualTo(FaultRules.Action.TOUCH);
        assertThat(FaultRules.onObservation(false, Optional.of(Fault.Status.IGNORED)))
                .isEqualTo(FaultRules.Action.CLOSE_IGNORED);
    }

    @Test
    void onlyAnActiveFaultCanBeResolvedOrIgnoredByAUser() {
        assertThat(FaultRules.userMayClose(Fault.Status.ACTIVE)).isTrue();
        assertThat(FaultRules.userMayClose(Fault.Status.RESOLVED)).isFalse();
        assertThat(FaultRules.userMayClose(Fault.Status.IGNORED)).isFalse();
    }
}
