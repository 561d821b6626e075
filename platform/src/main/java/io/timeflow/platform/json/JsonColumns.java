package io.timeflow.platform.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeflow.events.EventJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists of small records kept as JSON text in one column of an entity (a job's steps and warnings,
 * a backup's schemas). They are written and read with the event mapping: ISO-8601 times, absent
 * rather than null fields, unknown fields ignored, so a row written by a newer version still reads.
 */
public final class JsonColumns {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private JsonColumns() {
    }

    /** The JSON text of a value (a list, usually). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON column of " + value.getClass().getSimpleName(), e);
        }
    }

    /** The list a column holds, as a new list the caller may change; empty for a null or blank column. */
    public static <T> List<T> list(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return new ArrayList<>();
        }
        try {
            JavaType listType = MAPPER.getTypeFactory().constructCollectionType(ArrayList.class, type);
            return MAPPER.readValue(json, listType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a JSON list of " + type.getSimpleName(), e);
        }
    }
}
