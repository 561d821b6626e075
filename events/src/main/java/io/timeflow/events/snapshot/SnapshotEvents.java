package io.timeflow.events.snapshot;

import io.timeflow.events.EventType;
import java.util.List;

/** The event types published on {@code timeflow.snapshot.v1} by snapshot-service. */
public final class SnapshotEvents {

    public static List<EventType<?>> all() {
        return List.of();
    }

    private SnapshotEvents() {
    }
}
