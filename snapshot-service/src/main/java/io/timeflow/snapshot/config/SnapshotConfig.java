package io.timeflow.snapshot.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** snapshot-service's own settings, under {@code snapshot.*}. */
@ConfigMapping(prefix = "snapshot")
public interface SnapshotConfig {

    SnapSync snapsync();

    interface SnapSync {
        /** Whether this replica runs SnapSync jobs (every replica does by default; they share the work). */
        @WithDefault("true")
        boolean workerEnabled();

        /** How often an idle worker looks for PENDING jobs (a new job wakes it at once). */
        @WithDefault("1s")
        Duration pollInterval();

        /** A hook no agent took within this long fails its SnapSync (NO_AGENT). */
        @WithDefault("10m")
        Duration hookClaimTimeout();

        /** The longest lease an agent may take on a hook (it renews it while the hook runs). */
        @WithDefault("10m")
        Duration maxHookLease();

        /** How long a SnapSync waits for this view to learn the restore its pre-sync hook reported. */
        @WithDefault("2m")
        Duration restoreWait();
    }
}
