package io.timeflow.events.staging;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/** A staging environment and its repositories were removed (no dSource used them). */
public record EnvironmentDeleted(String environmentId, Instant deletedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return environmentId;
    }
}
