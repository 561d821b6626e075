package io.timeflow.plugin.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.timeflow.platform.crypto.SecretCipher;
import io.timeflow.plugin.schema.JsonPointers;
import io.timeflow.plugin.schema.PluginSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the sensitive values of plugin objects encrypted at rest with the suite's data-encryption
 * key. The schema says which fields are sensitive ({@code format: password}); each value is sealed
 * as its JSON text, bound (AEAD associated data) to the plugin, the object and the field, so a
 * sealed value cannot be moved to another field or object.
 */
@ApplicationScoped
public class ObjectSealer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretCipher cipher;

    @Inject
    public ObjectSealer(SecretCipher cipher) {
        this.cipher = cipher;
    }

    static String aad(String pluginId, UUID objectId, String pointer) {
        return "timeflow:plugin-object:" + pluginId + ":" + objectId + ":" + pointer;
    }

    /** The plaintext object with its sensitive values (at {@code sensitive}) sealed: a copy when there are any. */
    public JsonNode seal(String pluginId, UUID objectId, JsonNode plain, List<String> sensitive) {
        if (sensitive.isEmpty()) {
            return plain;
        }
        JsonNode copy = plain.deepCopy();
        for (String pointer : sensitive) {
            JsonNode value = JsonPointers.get(copy, pointer);
            if (value == null || value.isNull()) {
                continue;
            }
            try {
                String sealed = cipher.seal(JSON.writeValueAsString(value), aad(pluginId, objectId, pointer));
                JsonPointers.replace(copy, pointer, TextNode.valueOf(sealed));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a value of object " + objectId, e);
            }
        }
        return copy;
    }

    /**
     * A stored object in plaintext (a copy when it has sensitive values); {@code sensitive} are its
     * sensitive fields per the schema it was stored under.
     */
    public JsonNode open(String pluginId, UUID objectId, JsonNode stored, List<String> sensitive) {
        if (sensitive.isEmpty()) {
            return stored;
        }
        JsonNode copy = stored.deepCopy();
        for (String pointer : sensitive) {
            JsonNode value = JsonPointers.get(copy, pointer);
            if (value == null || !value.isTextual() || !SecretCipher.isSealed(value.asText())) {
                continue;
            }
            String json = cipher.open(value.asText(), aad(pluginId, objectId, pointer));
            try {
                JsonPointers.replace(copy, pointer, JSON.readTree(json));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a sealed value of object " + objectId + " is not JSON", e);
            }
        }
        return copy;
    }

    /** Opens with the sensitive fields the schema finds in the stored object. */
    public JsonNode open(String pluginId, UUID objectId, ObjectType type, JsonNode stored, PluginSchema schema) {
        return open(pluginId, objectId, stored, schema.sensitivePointers(type, stored));
    }

    /** A copy without the sensitive values, as the API shows an object. */
    public static JsonNode hide(JsonNode data, List<String> sensitive) {
        JsonNode copy = data.deepCopy();
        for (String pointer : sensitive) {
            JsonPointers.hide(copy, pointer);
        }
        return copy;
    }
}
