package io.timeflow.events.staging;

import java.time.Instant;

/**
 * A staging-push dSource was linked: its staging database exists (empty, unless a pre-sync hook
 * restored a backup) on a mount the service assigned. It starts enabled.
 *
 * @param dsourceId           the dSource
 * @param name                its unique name
 * @param stagingDatabaseName the staging database's name on the instance
 * @param databaseStateMode   RESTORING or ONLINE, fixed at link time
 * @param environmentId       the staging environment
 * @param repositoryId        the SQL Server instance on that environment
 * @param pluginId            the plugin the dSource is bound to (administrative operations wait for its upgrades)
 * @param mountBase           {@code <connector path>\<engine id>-Staging-<container id>\DATA\DB}
 * @param timeZone            the staging host's time zone, in which snapshot times are shown
 * @param linkedAt            when it was linked
 */
public record DSourceLinked(
        String dsourceId,
        String name,
        String stagingDatabaseName,
        DatabaseStateMode databaseStateMode,
        String environmentId,
        String repositoryId,
        String pluginId,
        String mountBase,
        String timeZone,
        Instant linkedAt) implements DSourceEvent {
}
