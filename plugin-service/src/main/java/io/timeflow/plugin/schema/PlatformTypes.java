package io.timeflow.plugin.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The predefined types a plugin schema may reference through the external identifier
 * {@code https://delphix.com/platform/api} ({@code credentialsSupplier},
 * {@code passwordCredentialsSupplier}, {@code keyCredentialsSupplier} and the credential kinds they
 * are made of). The identifier is not a web address and is never fetched: a reference to it is
 * replaced by the type's definition, kept in this service.
 */
public final class PlatformTypes {

    /** The external schema identifier of the platform's predefined types. */
    public static final String PLATFORM_API = "https://delphix.com/platform/api";

    private static final JsonNode DEFINITIONS = load();

    private PlatformTypes() {
    }

    private static JsonNode load() {
        try (InputStream in = PlatformTypes.class.getResourceAsStream("delphix-platform-api.json")) {
            return new ObjectMapper().readTree(in).get("definitions");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The definition a platform reference names, e.g. for {@code https://delphix.com/platform/api#/definitions/credentialsSupplier}. */
    public static Optional<JsonNode> definition(String ref) {
        String prefix = PLATFORM_API + "#/definitions/";
        if (!ref.startsWith(prefix)) {
            return Optional.empty();
        }
        JsonNode found = DEFINITIONS.get(ref.substring(prefix.length()));
        return found == null ? Optional.empty() : Optional.of(expandLocal(found));
    }

    /** Whether a {@code $ref} points at the platform's types (known or not). */
    public static boolean isPlatformRef(String ref) {
        return ref.startsWith(PLATFORM_API + "#") || ref.equals(PLATFORM_API);
    }

    /** A copy of the schema with every platform reference replaced by the type it names. */
    public static JsonNode expand(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        return replace(copy);
    }

    private static JsonNode replace(JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                Optional<JsonNode> platform = definition(ref.asText());
                if (platform.isPresent()) {
                    return platform.get();
                }
            }
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(replace(field.getValue()));
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i)));
            }
        }
        return node;
    }

    /** The platform types refer to one another locally; inline those references (there are no cycles). */
    private static JsonNode expandLocal(JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/definitions/")) {
                return expandLocal(DEFINITIONS.get(ref.asText().substring("#/definitions/".length())));
            }
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(expandLocal(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                copy.set(i, expandLocal(copy.get(i)));
            }
            return copy;
        }
        return node;
    }
}
