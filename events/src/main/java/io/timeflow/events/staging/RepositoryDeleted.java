package io.timeflow.events.staging;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/** A repository was removed from its environment (no dSource used it). Keyed by the environment id. */
public record RepositoryDeleted(String environmentId, String repositoryId, Instant deletedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return environmentId;
    }
}
