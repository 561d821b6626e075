package io.timeflow.backup.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON of the jobs' jsonb columns (steps, warnings, schemas). */
final class JsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonColumns() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> List<T> list(String json, TypeReference<List<T>> type) {
        if (json == null || json.isBlank()) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(MAPPER.readValue(json, type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final TypeReference<List<Step>> STEPS = new TypeReference<>() { };
    static final TypeReference<List<Warning>> WARNINGS = new TypeReference<>() { };
    static final TypeReference<List<SchemaVersion>> SCHEMAS = new TypeReference<>() { };
    static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
}
