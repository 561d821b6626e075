package io.timeflow.staging.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** Enable, disable, detach and attach as the seed describes them. */
class LifecycleTest {

    static Lifecycle.Facts facts(boolean enabled, boolean attached, DatabaseStateMode attachedMode,
            DSource.AttachStatus attach, boolean restoring) {
        return new Lifecycle.Facts(enabled, attached, DatabaseStateMode.RESTORING, attachedMode, attach,
                attach == DSource.AttachStatus.FAILED ? "a database of that name exists" : null, restoring);
    }

    static String code(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e.code();
        }
        return null;
    }

    @Test
    void enablingADisabledAttachedDSourceSucceedsWithoutWarnings() {
        assertThat(Lifecycle.enable(facts(false, true, DatabaseStateMode.RESTORING, DSource.AttachStatus.ATTACHED, false)))
                .isEmpty();
    }

    @Test
    void enableAfterAttachingWithAnotherDatabaseStateFailsWithDatabaseStateChanged() {
        assertThatThrownBy(() -> Lifecycle.enable(facts(false, true, DatabaseStateMode.ONLINE,
                DSource.AttachStatus.PENDING, false)))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("database state changed")
                .extracting(e -> ((ProblemException) e).code()).isEqualTo("DATABASE_STATE_CHANGED");
    }

    @Test
    void aDetachedDSourceMustBeAttachedBeforeItIsEnabled() {
        assertThat(code(() -> Lifecycle.enable(facts(false, false, DatabaseStateMode.RESTORING,
                DSource.AttachStatus.PENDING, false)))).isEqualTo("DSOURCE_DETACHED");
    }

    @Test
    void enableAndDisableRefuseWhatIsAlreadyTheCase() {
        assertThat(code(() -> Lifecycle.enable(facts(true, true, DatabaseStateMode.RESTORING,
                DSource.AttachStatus.ATTACHED, false)))).isEqualTo("DSOURCE_ALREADY_ENABLED");
        assertThat(code(() -> Lifecycle.disable(facts(false, true, DatabaseStateMode.RESTORING,
                DSource.AttachStatus.ATTACHED, false)))).isEqualTo("DSOURCE_ALREADY_DISABLED");
    }

    @Test
    void detachWaitsForARestoreInProgressAndHappensOnce() {
        assertThat(code(() -> Lifecycle.detach(facts(true, true, DatabaseStateMode.RESTORING,
                DSource.AttachStatus.ATTACHED, true)))).isEqualTo("RESTORE_IN_PROGRESS");
        assertThat(code(() -> Lifecycle.detach(facts(false, false, DatabaseStateMode.RESTORING,
                DSource.AttachStatus.ATTACHED, false)))).isEqualTo("DSOURCE_ALREADY_DETACHED");
        assertThat(code(() -> Lifecycle.detach(facts(true, true, DatabaseStateMode.RESTORING,
                DSource.AttachStatus.ATTACHED, false)))).isNull();
    }

    @Test
    void onlyADetachedDSourceCanBeAttached() {
        assertThat(code(() -> Lifecycle.attach(facts(false, true, DatabaseStateMode.RESTORING,
                DSource.AttachStatus.ATTACHED, false)))).isEqualTo("DSOURCE_NOT_DETACHED");
        assertThat(code(() -> Lifecycle.attach(facts(false, false, DatabaseStateMode.RESTORING,
                DSource.AttachStatus.ATTACHED, false)))).isNull();
    }
}
