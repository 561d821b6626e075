package io.timeflow.events.staging;

import java.time.Instant;

/** A dSource was deleted. */
public record DSourceDeleted(String dsourceId, Instant deletedAt) implements DSourceEvent {
}
