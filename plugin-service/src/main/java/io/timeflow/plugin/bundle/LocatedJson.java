package io.timeflow.plugin.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON document read together with the line where each of its values starts, so that a problem
 * found in a plugin's schema file can be reported as {@code schema.json line 42}. Duplicate keys
 * are refused (a schema with two {@code "type"} keys is ambiguous).
 */
public final class LocatedJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Not JSON, with the 1-based line where reading stopped. */
    public static final class MalformedJsonException extends Exception {
        private final int line;

        MalformedJsonException(String message, int line) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedJson(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    public static LocatedJson parse(String text) throws MalformedJsonException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJsonException("is empty", 1);
            }
            JsonNode root = read(parser, "", lines);
            if (parser.nextToken() != null) {
                throw new MalformedJsonException("has data after the end of the document",
                        parser.currentTokenLocation().getLineNr());
            }
            return new LocatedJson(root, lines);
        } catch (JsonParseException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new MalformedJsonException("is not valid JSON: " + describe(e), line);
        } catch (IOException e) {
            throw new MalformedJsonException("cannot be read: " + e.getClass().getSimpleName(), 1);
        }
    }

    /** Jackson's message without the location suffix and without the quoted source text. */
    private static String describe(JsonParseException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static JsonNode read(JsonParser p, String pointer, Map<String, Integer> lines) throws IOException {
        lines.put(pointer, p.currentTokenLocation().getLineNr());
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = pointer + "/" + escape(name);
                    lines.put(child, p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    int keyLine = lines.get(child);
                    object.set(name, read(p, child, lines));
                    lines.put(child, keyLine);
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(p, pointer + "/" + i, lines));
                    i++;
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected " + token);
        }
    }

    /** RFC 6901 escaping of one reference token. */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    public JsonNode root() {
        return root;
    }

    /**
     * The line where the value at {@code pointer} (RFC 6901) starts; for a pointer into something
     * that does not exist, the line of its nearest existing ancestor.
     */
    public int lineOf(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return 1;
            }
            p = p.substring(0, slash);
        }
    }
}
