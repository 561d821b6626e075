package io.timeflow.snapshot.domain.rules;

import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateMode;
import java.util.Optional;
import java.util.Set;

/**
 * What snapshot-service knows of a dSource's staging side, from {@code timeflow.staging.v1} alone:
 * the input of the prerequisite check.
 *
 * @param mode                the database state mode chosen at link
 * @param enabled             not disabled
 * @param linked              attached to its staging database (not unlinked)
 * @param deleted             the dSource was deleted
 * @param databaseState       the last observed state of the staging database
 * @param stateSupported      staging-service's own verdict on that state
 * @param dataMounted         the DATA directory is mounted
 * @param filesUnderMountDir  every database file lies directly in the mount's DB directory
 * @param restoreInProgressId the restore under way, if any
 * @param activeFaultCodes    codes of the faults active on the dSource (e.g. CANNOT_MONITOR)
 * @param pluginUpgrade       the upgrade of the dSource's plugin under way, described, if any
 */
public record StagingView(
        DatabaseStateMode mode,
        boolean enabled,
        boolean linked,
        boolean deleted,
        DatabaseState databaseState,
        boolean stateSupported,
        boolean dataMounted,
        boolean filesUnderMountDir,
        Optional<String> restoreInProgressId,
        Set<String> activeFaultCodes,
        Optional<String> pluginUpgrade) {

    public static final String CANNOT_MONITOR = "CANNOT_MONITOR";
}
