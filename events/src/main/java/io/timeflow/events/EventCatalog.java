package io.timeflow.events;

import io.timeflow.events.backup.BackupEvents;
import io.timeflow.events.plugin.PluginEvents;
import io.timeflow.events.snapshot.SnapshotEvents;
import io.timeflow.events.staging.StagingEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every event type of the contract, looked up by CloudEvents type name or by Java record. */
public final class EventCatalog {

    private static final List<EventType<?>> ALL;
    private static final Map<String, EventType<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType<?>> BY_CLASS = new LinkedHashMap<>();

    static {
        List<EventType<?>> all = new ArrayList<>();
        all.addAll(StagingEvents.all());
        all.addAll(SnapshotEvents.all());
        all.addAll(PluginEvents.all());
        all.addAll(BackupEvents.all());
        for (EventType<?> type : all) {
            if (BY_NAME.put(type.name(), type) != null) {
                throw new IllegalStateException("event type declared twice: " + type.name());
            }
            if (BY_CLASS.put(type.javaType(), type) != null) {
                throw new IllegalStateException("record used by two event types: " + type.javaType().getName());
            }
        }
        ALL = Collections.unmodifiableList(all);
    }

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    @SuppressWarnings("unchecked")
    public static <T extends TimeflowEvent> EventType<T> of(Class<T> recordType) {
        EventType<?> type = BY_CLASS.get(recordType);
        if (type == null) {
            throw new IllegalArgumentException("not an event of the contract: " + recordType.getName());
        }
        return (EventType<T>) type;
    }

    public static List<EventType<?>> onTopic(Topic topic) {
        return ALL.stream().filter(t -> t.topic() == topic).toList();
    }
}
