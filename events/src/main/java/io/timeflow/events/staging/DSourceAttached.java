package io.timeflow.events.staging;

import java.time.Instant;

/**
 * A detached dSource was linked again, possibly to a new staging database name (the file names
 * stay). A {@code databaseStateMode} different from the original is accepted here and makes the
 * next enable fail with "database state changed". The dSource stays disabled until it is enabled.
 *
 * @param dsourceId           the dSource
 * @param stagingDatabaseName the staging database's name from now on
 * @param databaseStateMode   the mode given at attach time
 * @param environmentId       the staging environment
 * @param repositoryId        the SQL Server instance on that environment
 * @param attachedAt          when it was attached
 * @param mountBase           (added in v1, may be absent in older events) the mount's DB directory from now on:
 *                            the same container, under the connector path of the environment attached to
 * @param timeZone            (added in v1, may be absent in older events) that environment's time zone
 */
public record DSourceAttached(
        String dsourceId,
        String stagingDatabaseName,
        DatabaseStateMode databaseStateMode,
        String environmentId,
        String repositoryId,
        Instant attachedAt,
        String mountBase,
        String timeZone) implements DSourceEvent {

    /** The original shape of the event, without the fields added later. */
    public DSourceAttached(String dsourceId, String stagingDatabaseName, DatabaseStateMode databaseStateMode,
            String environmentId, String repositoryId, Instant attachedAt) {
        this(dsourceId, stagingDatabaseName, databaseStateMode, environmentId, repositoryId, attachedAt, null, null);
    }
}
