package io.timeflow.events.backup;

import io.timeflow.events.EventType;
import java.util.List;

/** The event types published on {@code timeflow.backup.v1} by backup-service. */
public final class BackupEvents {

    public static List<EventType<?>> all() {
        return List.of();
    }

    private BackupEvents() {
    }
}
