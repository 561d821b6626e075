package io.timeflow.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One type of event in the contract: its CloudEvents type name, Java record, topic, the kind of
 * aggregate it is keyed by, and an example used by the documentation and the contract test.
 *
 * @param name          the CloudEvents type, {@code io.timeflow.<context>.<entity>.<action>.v<N>}
 * @param javaType      the record that is serialised as the payload
 * @param topic         where it is published
 * @param aggregateType the kind of aggregate whose id is the record key (dsource, plugin, backup, ...)
 * @param description   one sentence for the catalogue
 * @param example       a representative instance
 */
public record EventType<T extends TimeflowEvent>(
        String name, Class<T> javaType, Topic topic, String aggregateType, String description, T example) {

    private static final Pattern NAME = Pattern.compile("io\\.timeflow\\.[a-z]+(\\.[a-z][a-z-]*)+\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(example, "example");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("event type name does not follow the convention: " + name);
        }
        String context = name.split("\\.")[2];
        if (!topic.topicName().equals("timeflow." + context + ".v1")) {
            throw new IllegalArgumentException(name + " does not belong on topic " + topic.topicName());
        }
    }

    public static <T extends TimeflowEvent> EventType<T> of(
            String name, Class<T> javaType, Topic topic, String aggregateType, String description, T example) {
        return new EventType<>(name, javaType, topic, aggregateType, description, example);
    }

    /** Classpath location of the JSON Schema (draft-07) of the payload. */
    public String schemaResource() {
        return "/io/timeflow/events/schemas/" + name + ".json";
    }
}
