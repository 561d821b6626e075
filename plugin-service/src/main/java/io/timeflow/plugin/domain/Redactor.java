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
 * in the forms it takes inside JSON strings and in Python's {@code repr} of a string (which is how
 * a logged dictionary shows it), with either quote.
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
        values.add(pythonRepr(text, '\''));
        values.add(pythonRepr(text, '"'));
    }

    /**
     * What Python's {@code repr} puts between the quotes for a string, when it quotes with
     * {@code quote}: backslashes and that quote escaped, tabs, line ends and other unprintable
     * characters as escapes.
     */
    static String pythonRepr(String text, char quote) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (c == '\\' || c == quote) {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else if (c >= 0x80 && !printable(c)) {
                out.append(c < 0x100 ? String.format("\\x%02x", c)
                        : c < 0x10000 ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Python's idea of a printable character beyond ASCII: not a control, format, separator or unassigned one (space is). */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
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
