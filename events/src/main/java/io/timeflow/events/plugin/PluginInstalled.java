package io.timeflow.events.plugin;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;
import java.util.List;

/**
 * A plugin was installed for the first time. Later versions arrive through upgrades
 * ({@link UpgradeSucceeded}).
 *
 * @param pluginId     the plugin's id, as its plugin config declares it
 * @param versionId    the id of the installed version
 * @param name         the plugin's display name
 * @param version      the external version people see
 * @param buildNumber  the build number (integers separated by periods)
 * @param pluginType   STAGED or DIRECT
 * @param hostTypes    UNIX and/or WINDOWS
 * @param migrationIds the data migration ids the version carries, in numeric order
 * @param installedAt  when it was installed
 */
public record PluginInstalled(
        String pluginId,
        String versionId,
        String name,
        String version,
        String buildNumber,
        String pluginType,
        List<String> hostTypes,
        List<String> migrationIds,
        Instant installedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return pluginId;
    }
}
