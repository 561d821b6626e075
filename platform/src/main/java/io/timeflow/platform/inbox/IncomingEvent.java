package io.timeflow.platform.inbox;

import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventCatalog;
import io.timeflow.events.EventJson;
import io.timeflow.events.EventType;
import io.timeflow.events.TimeflowEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A CloudEvent read from a Kafka record in binary content mode.
 *
 * @param id      {@code ce_id}
 * @param type    {@code ce_type}
 * @param source  {@code ce_source}
 * @param subject {@code ce_subject} (the aggregate id)
 * @param time    {@code ce_time}
 * @param actor   {@code ce_actor}, who made the change
 * @param payload the JSON value
 */
public record IncomingEvent(String id, String type, String source, String subject, Instant time, String actor,
        String payload) {

    /** Reads the CloudEvents headers of a record; empty when it is not a CloudEvent (no id or type). */
    public static Optional<IncomingEvent> of(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            return Optional.empty();
        }
        String time = header(record, CloudEventHeaders.TIME);
        Instant at = null;
        if (time != null) {
            try {
                at = Instant.parse(time);
            } catch (RuntimeException e) {
                at = null;
            }
        }
        return Optional.of(new IncomingEvent(id, type, header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.SUBJECT), at, header(record, CloudEventHeaders.ACTOR),
                record.value()));
    }

    /** The payload as its record, when the type is one this version of the contract knows. */
    public Optional<TimeflowEvent> decode() {
        Optional<EventType<?>> known = EventCatalog.byName(type);
        return known.map(t -> EventJson.read(payload, t.javaType()));
    }

    /** The record's {@code ce_type} alone, or null: for a consumer that skips the types it does not handle unread. */
    public static String typeOf(ConsumerRecord<String, String> record) {
        return header(record, CloudEventHeaders.TYPE);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
