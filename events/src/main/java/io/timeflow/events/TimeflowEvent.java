package io.timeflow.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A fact that one Timeflow service publishes for others. Every implementation is a record whose
 * JSON form is described by the JSON Schema of its {@link EventType}.
 */
public interface TimeflowEvent {

    /** The id of the aggregate the event is about; it becomes the Kafka record key and {@code ce_subject}. */
    @JsonIgnore
    String aggregateId();
}
