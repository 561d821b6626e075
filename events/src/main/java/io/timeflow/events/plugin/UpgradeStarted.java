package io.timeflow.events.plugin;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * An upgrade of a plugin began: until {@link UpgradeSucceeded} or {@link UpgradeFailed} with the
 * same upgrade id, administrative operations on the objects bound to this plugin are refused.
 *
 * @param pluginId    the plugin being upgraded
 * @param upgradeId   the upgrade job's id
 * @param fromVersion the installed version
 * @param toVersion   the version being installed
 * @param startedAt   when it began
 */
public record UpgradeStarted(
        String pluginId,
        String upgradeId,
        String fromVersion,
        String toVersion,
        Instant startedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return pluginId;
    }
}
