package io.timeflow.plugin.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Visits each (subschema, value) pair of an object that a schema could apply to: properties,
 * pattern and additional properties, array items, local {@code $ref}s and every branch of
 * {@code allOf}, {@code anyOf}, {@code oneOf}, {@code if/then/else} and schema dependencies. Taking
 * every branch is deliberately generous: it is used to find sensitive fields, where saying "maybe
 * sensitive" is the safe answer, and declared sentinel values.
 */
final class SchemaWalk {

    /** Told about each pair; {@code pointer} is the value's JSON pointer in the object. */
    @FunctionalInterface
    interface Visitor {
        /** Return false to stop descending into this value. */
        boolean visit(JsonNode schema, JsonNode value, String pointer);
    }

    private static final int MAX_DEPTH = 64;

    private SchemaWalk() {
    }

    static void walk(JsonNode root, JsonNode value, Visitor visitor) {
        walk(root, root, value, "", visitor, 0);
    }

    private static void walk(JsonNode root, JsonNode schema, JsonNode value, String pointer, Visitor visitor,
            int depth) {
        if (schema == null || !schema.isObject() || value == null || value.isMissingNode() || depth > MAX_DEPTH) {
            return;
        }
        if (!visitor.visit(schema, value, pointer)) {
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
            walk(root, resolve(root, ref.asText()), value, pointer, visitor, depth + 1);
        }
        for (String combinator : new String[] {"allOf", "anyOf", "oneOf"}) {
            JsonNode branches = schema.get(combinator);
            if (branches != null && branches.isArray()) {
                for (JsonNode branch : branches) {
                    walk(root, branch, value, pointer, visitor, depth + 1);
                }
            }
        }
        for (String conditional : new String[] {"then", "else"}) {
            walk(root, schema.get(conditional), value, pointer, visitor, depth + 1);
        }
        if (value.isObject()) {
            JsonNode properties = schema.get("properties");
            JsonNode patterns = schema.get("patternProperties");
            JsonNode additional = schema.get("additionalProperties");
            JsonNode dependencies = schema.get("dependencies");
            if (dependencies != null && dependencies.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = dependencies.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> dependency = it.next();
                    if (value.has(dependency.getKey()) && dependency.getValue().isObject()) {
                        walk(root, dependency.getValue(), value, pointer, visitor, depth + 1);
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                String child = pointer + "/" + escape(name);
                boolean matched = false;
                if (properties != null && properties.has(name)) {
                    walk(root, properties.get(name), field.getValue(), child, visitor, depth + 1);
                    matched = true;
                }
                if (patterns != null && patterns.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> p = patterns.fields(); p.hasNext(); ) {
                        Map.Entry<String, JsonNode> pattern = p.next();
                        if (matches(pattern.getKey(), name)) {
                            walk(root, pattern.getValue(), field.getValue(), child, visitor, depth + 1);
                            matched = true;
                        }
                    }
                }
                if (!matched && additional != null && additional.isObject()) {
                    walk(root, additional, field.getValue(), child, visitor, depth + 1);
                }
            }
        } else if (value.isArray()) {
            JsonNode items = schema.get("items");
            JsonNode additionalItems = schema.get("additionalItems");
            for (int i = 0; i < value.size(); i++) {
                JsonNode itemSchema = null;
                if (items != null && items.isObject()) {
                    itemSchema = items;
                } else if (items != null && items.isArray()) {
                    itemSchema = i < items.size() ? items.get(i) : additionalItems;
                }
                walk(root, itemSchema, value.get(i), pointer + "/" + i, visitor, depth + 1);
            }
        }
    }

    /** The node a local reference ({@code #/definitions/x}) points at, or null. */
    static JsonNode resolve(JsonNode root, String ref) {
        String pointer = ref.substring(1);
        if (pointer.isEmpty()) {
            return root;
        }
        try {
            JsonNode target = root.at(pointer);
            return target.isMissingNode() ? null : target;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean matches(String regex, String name) {
        try {
            return Pattern.compile(regex).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
