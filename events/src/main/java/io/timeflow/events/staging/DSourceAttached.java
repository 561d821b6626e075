package io.timeflow.events.staging;

import java.time.Instant;

/**
 * A detached dSource was linked again, possibly to a new staging database name (the file names
 * stay). A {@code databaseStateMode} different from the original is accepted here and makes the
 * next enable fail with "database state changed".
 */
public record DSourceAttached(
        String dsourceId,
        String stagingDatabaseName,
        DatabaseStateMode databaseStateMode,
        String environmentId,
        String repositoryId,
        Instant attachedAt) implements DSourceEvent {
}
