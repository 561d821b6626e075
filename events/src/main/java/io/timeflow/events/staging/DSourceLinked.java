package io.timeflow.events.staging;

import java.time.Instant;
import java.util.List;

/**
 * A staging-push dSource was linked: its staging database is created (empty) on a mount the service
 * assigned, by the staging host's agent. It starts enabled. When it has a pre-sync hook, the first
 * snapshot waits for the hook to run (so it holds the backup the hook restored).
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
 * @param hookPhases          (added in v1, may be absent in older events) the phases the dSource has hooks for,
 *                            e.g. PRE_SYNC; never the commands
 * @param syncPolicyId        (added in v1, may be absent) the SnapSync policy chosen at link as the dSource's default
 * @param ingestionType       (added in v1, may be absent: STAGING_PUSH) STAGING_PUSH or LINKED
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
        Instant linkedAt,
        List<String> hookPhases,
        String syncPolicyId,
        String ingestionType) implements DSourceEvent {

    /** The original shape of the event, without the fields added later. */
    public DSourceLinked(String dsourceId, String name, String stagingDatabaseName, DatabaseStateMode databaseStateMode,
            String environmentId, String repositoryId, String pluginId, String mountBase, String timeZone,
            Instant linkedAt) {
        this(dsourceId, name, stagingDatabaseName, databaseStateMode, environmentId, repositoryId, pluginId, mountBase,
                timeZone, linkedAt, null, null, null);
    }
}
