package io.timeflow.events.plugin;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * An upgrade of a plugin failed and changed nothing. The reason never carries a sensitive value.
 *
 * @param pluginId    the plugin
 * @param upgradeId   the upgrade job's id
 * @param fromVersion the version that stays installed
 * @param toVersion   the version that was refused
 * @param code        a stable machine-readable reason, e.g. SCHEMA_VALIDATION_FAILED
 * @param message     what went wrong, naming object, migration and field path
 * @param finishedAt  when it ended
 */
public record UpgradeFailed(
        String pluginId,
        String upgradeId,
        String fromVersion,
        String toVersion,
        String code,
        String message,
        Instant finishedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return pluginId;
    }
}
