package io.timeflow.events.staging;

import java.time.Instant;

/** A dSource was disabled: no further operations on it until it is enabled again. */
public record DSourceDisabled(String dsourceId, Instant disabledAt) implements DSourceEvent {
}
