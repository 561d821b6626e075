package io.timeflow.events.staging;

import java.time.Instant;
import java.util.List;

/**
 * Descriptive settings of a dSource changed (notes, hooks, target group); {@code changed} names them.
 *
 * @param dsourceId  the dSource
 * @param changed    the names of the settings that changed
 * @param updatedAt  when
 * @param hookPhases (added in v1, may be absent) when {@code changed} holds "hooks": the phases the dSource has
 *                   hooks for from now on (empty: none); never the commands
 */
public record DSourceUpdated(String dsourceId, List<String> changed, Instant updatedAt, List<String> hookPhases)
        implements DSourceEvent {

    /** The original shape of the event, without the fields added later. */
    public DSourceUpdated(String dsourceId, List<String> changed, Instant updatedAt) {
        this(dsourceId, changed, updatedAt, null);
    }
}
