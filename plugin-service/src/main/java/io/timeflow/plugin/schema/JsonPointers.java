package io.timeflow.plugin.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and changing the value at an RFC 6901 JSON pointer of a Jackson tree. */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** The value at the pointer, or null when there is none. */
    public static JsonNode get(JsonNode root, String pointer) {
        JsonNode found = root.at(pointer);
        return found.isMissingNode() ? null : found;
    }

    /** Replaces the existing value at the pointer; does nothing when there is none. */
    public static void replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        JsonNode parent = root.at(pointer.substring(0, slash));
        String token = unescape(pointer.substring(slash + 1));
        if (parent instanceof ObjectNode object && object.has(token)) {
            object.set(token, value);
        } else if (parent instanceof ArrayNode array) {
            int index = index(token);
            if (index >= 0 && index < array.size()) {
                array.set(index, value);
            }
        }
    }

    /** Sets the value at the pointer when its parent exists (creating the field of an object). */
    public static boolean put(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        JsonNode parent = root.at(pointer.substring(0, slash));
        String token = unescape(pointer.substring(slash + 1));
        if (parent instanceof ObjectNode object) {
            object.set(token, value);
            return true;
        }
        if (parent instanceof ArrayNode array) {
            int index = index(token);
            if (index >= 0 && index < array.size()) {
                array.set(index, value);
                return true;
            }
        }
        return false;
    }

    /** Removes the field at the pointer (an array item becomes null, so later indexes keep their meaning). */
    public static void hide(JsonNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        JsonNode parent = root.at(pointer.substring(0, slash));
        String token = unescape(pointer.substring(slash + 1));
        if (parent instanceof ObjectNode object) {
            object.remove(token);
        } else if (parent instanceof ArrayNode array) {
            int index = index(token);
            if (index >= 0 && index < array.size()) {
                array.set(index, NullNode.getInstance());
            }
        }
    }

    /** Whether the pointer goes through an array item (such values are not carried over on update). */
    public static boolean throughArray(JsonNode root, String pointer) {
        String[] tokens = pointer.split("/");
        JsonNode node = root;
        for (int i = 1; i < tokens.length && node != null; i++) {
            if (node.isArray()) {
                return true;
            }
            node = node.get(unescape(tokens[i]));
        }
        return false;
    }

    private static int index(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
