package io.timeflow.events.staging;

import java.time.Instant;
import java.util.List;

/**
 * A dSource was enabled; SnapSync and restores resume. {@code warnings} carries
 * {@code SKIP_ATTACH_OPERATION} when the attach failed and was skipped (the enable still succeeds).
 */
public record DSourceEnabled(String dsourceId, List<String> warnings, Instant enabledAt) implements DSourceEvent {
}
