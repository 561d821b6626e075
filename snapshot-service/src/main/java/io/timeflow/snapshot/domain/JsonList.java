package io.timeflow.snapshot.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeflow.events.EventJson;
import java.util.List;

/** Lists of small records kept as JSON text in one column (warnings, steps), written and read with the event mapping. */
final class JsonList {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private JsonList() {
    }

    static String write(List<?> items) {
        try {
            return MAPPER.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON list", e);
        }
    }

    static <T> List<T> read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            JavaType listType = MAPPER.getTypeFactory().constructCollectionType(List.class, type);
            return List.copyOf(MAPPER.<List<T>>readValue(json, listType));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a JSON list of " + type.getSimpleName(), e);
        }
    }
}
