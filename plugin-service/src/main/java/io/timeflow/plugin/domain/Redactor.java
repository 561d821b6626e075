package io.timeflow.plugin.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.timeflow.plugin.schema.JsonPointers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes known sensitive values from text that plugin code produced (what migrations print or
 * log, the messages of their exceptions) before it is kept or shown. Each value is also looked for
 * in the forms it takes inside JSON strings and Python string literals.
 */
public final class Redactor {

    public static final String MARK = "[REDACTED]";

    private final Set<String> values = new LinkedHashSet<>();

    /** Remembers the sensitive values of an object. */
    public void collect(JsonNode plain, List<String> sensitive) {
        for (String pointer : sensitive) {
            JsonNode value = JsonPointers.get(plain, pointer);
            if (value != null && !value.isNull()) {
                collectValue(value);
            }
        }
    }

    private void collectValue(JsonNode value) {
        if (value.isContainerNode()) {
            value.forEach(this::collectValue);
            values.add(value.toString());
            return;
        }
        String text = value.asText();
        if (text.isEmpty()) {
            return;
        }
        values.add(text);
        String json = value.isTextual() ? value.toString() : text;
        if (json.length() > 2) {
            values.add(json.substring(1, json.length() - 1));
        }
        values.add(text.replace("\\", "\\\\").replace("'", "\\'"));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The text with every known sensitive value replaced by {@value #MARK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty() || values.isEmpty()) {
            return text;
        }
        List<String> longestFirst = new ArrayList<>(values);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String result = text;
        for (String value : longestFirst) {
            if (result.contains(value)) {
                result = result.replace(value, MARK);
            }
        }
        return result;
    }

    /** Forgets the values (between batches of an upgrade). */
    public void clear() {
        values.clear();
    }
}
