package io.timeflow.console.domain;

import java.util.Map;

/**
 * What a browser hears about one event on the topics: which service changed what, never the event's
 * payload. The console then reads what changed through the APIs, with the user's own credential, so
 * a stream tells nobody more than the APIs would tell them.
 *
 * @param id      the event's {@code ce_id}
 * @param service staging, snapshot, plugin or backup (the topic's context)
 * @param type    the event type, e.g. {@code io.timeflow.staging.restore.completed.v1}
 * @param subject the aggregate the event is about (dSource id, plugin id, backup id ...); empty for
 *                API keys, whose ids only administrators may list
 * @param time    the event's {@code ce_time}
 */
public record ChangeNotice(String id, String service, String type, String subject, String time) {

    /** Event types whose subject is not passed on: only administrators may see which API keys exist. */
    static final String API_KEY_TYPES = "io.timeflow.staging.api-key.";

    /**
     * The notice of a record of {@code topic} (e.g. {@code timeflow.staging.v1}) with these CloudEvents
     * headers; the record key stands in for a missing {@code ce_subject}.
     */
    public static ChangeNotice of(String topic, String key, Map<String, String> headers) {
        String service = topic.startsWith("timeflow.") ? topic.substring("timeflow.".length()).replaceFirst("\\.v\\d+$", "")
                : topic;
        String type = headers.getOrDefault("ce_type", "");
        String subject = headers.getOrDefault("ce_subject", key == null ? "" : key);
        if (type.startsWith(API_KEY_TYPES)) {
            subject = "";
        }
        return new ChangeNotice(headers.getOrDefault("ce_id", ""), service, type, subject == null ? "" : subject,
                headers.getOrDefault("ce_time", ""));
    }
}
