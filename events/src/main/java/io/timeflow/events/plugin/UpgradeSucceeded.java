package io.timeflow.events.plugin;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * An upgrade of a plugin committed: the new version and the migrated objects are in place.
 *
 * @param pluginId        the plugin
 * @param upgradeId       the upgrade job's id
 * @param fromVersion     the version before
 * @param toVersion       the version now installed
 * @param objectsMigrated how many stored objects the migrations rewrote
 * @param finishedAt      when it committed
 */
public record UpgradeSucceeded(
        String pluginId,
        String upgradeId,
        String fromVersion,
        String toVersion,
        long objectsMigrated,
        Instant finishedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return pluginId;
    }
}
