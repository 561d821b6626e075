package io.timeflow.events.staging;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * A SQL Server instance (a repository) was added to a staging environment. Keyed by the
 * environment id, so it stays in order with the environment's own events.
 *
 * @param environmentId the environment it runs on
 * @param repositoryId  the repository's id
 * @param name          the instance name, unique on the environment (MSSQLSERVER for the default instance)
 * @param version       the SQL Server version, as the instance reports it
 * @param port          the TCP port, when not the default
 * @param addedAt       when it was added
 */
public record RepositoryAdded(
        String environmentId,
        String repositoryId,
        String name,
        String version,
        Integer port,
        Instant addedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return environmentId;
    }
}
