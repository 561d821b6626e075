package io.timeflow.events.staging;

import java.time.Instant;

/** A dSource was unlinked from its staging database; it and its snapshots stay usable for provisioning. */
public record DSourceDetached(String dsourceId, Instant detachedAt) implements DSourceEvent {
}
