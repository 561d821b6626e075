package io.timeflow.staging.domain;

import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateMode;

/**
 * Which observed staging-database states a dSource can monitor, and what a report does to its
 * CANNOT_MONITOR fault. RESTORING mode supports only RESTORING; ONLINE mode supports only ONLINE
 * (READ_ONLY, STANDBY, EMERGENCY, OFFLINE and MISSING are never supported). An unsupported state
 * raises a CRITICAL CANNOT_MONITOR fault; a supported one clears it (see {@link FaultRules}).
 */
public final class MonitoringRules {

    public static final String CANNOT_MONITOR = "CANNOT_MONITOR";

    private MonitoringRules() {
    }

    public static boolean supported(DatabaseStateMode mode, DatabaseState state) {
        return switch (mode) {
            case RESTORING -> state == DatabaseState.RESTORING;
            case ONLINE -> state == DatabaseState.ONLINE;
        };
    }

    public static String cannotMonitorMessage(DatabaseStateMode mode, DatabaseState state) {
        return "the staging database is " + state + ", which a " + mode + "-mode dSource does not support (supported: "
                + (mode == DatabaseStateMode.RESTORING ? "RESTORING" : "ONLINE")
                + "); SnapSync fails until it is back in a supported state";
    }
}
