package io.timeflow.events;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode, plus the
 * Timeflow extension attributes. The record value is the JSON payload; the record key is the
 * aggregate id.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";

    /** Extension: who made the change (token subject or API key name). */
    public static final String ACTOR = "ce_actor";
    /** Extension: the role under which the change was made. */
    public static final String ACTOR_ROLE = "ce_actorrole";
    /** Extension: the id of the token or API key that authenticated the change. */
    public static final String ACTOR_CREDENTIAL = "ce_actorcredential";
    /** W3C trace context, as OpenTelemetry's Kafka propagation reads it. */
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
