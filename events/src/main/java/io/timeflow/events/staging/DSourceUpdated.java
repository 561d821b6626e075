package io.timeflow.events.staging;

import java.time.Instant;
import java.util.List;

/** Descriptive settings of a dSource changed (notes, hooks, target group); {@code changed} names them. */
public record DSourceUpdated(String dsourceId, List<String> changed, Instant updatedAt) implements DSourceEvent {
}
