package io.timeflow.plugin.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeflow.plugin.schema.PlatformTypes;
import io.timeflow.plugin.schema.PluginSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Compiled schemas of installed versions, by version id (a version's schema never changes). */
@ApplicationScoped
public class SchemaCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 256;

    private final Map<UUID, PluginSchema> compiled = new ConcurrentHashMap<>();

    public PluginSchema of(PluginVersion version) {
        PluginSchema schema = compiled.get(version.id());
        if (schema != null) {
            return schema;
        }
        schema = compile(version.schemaJson());
        if (compiled.size() >= MAX) {
            compiled.clear();
        }
        compiled.put(version.id(), schema);
        return schema;
    }

    /** Compiles a schema file as stored with a version (it was checked when the version was installed). */
    public static PluginSchema compile(String schemaFileJson) {
        try {
            JsonNode root = JSON.readTree(schemaFileJson);
            Map<ObjectType, JsonNode> definitions = new EnumMap<>(ObjectType.class);
            for (ObjectType type : ObjectType.values()) {
                definitions.put(type, PlatformTypes.expand(root.get(type.schemaKey())));
            }
            return PluginSchema.compile(definitions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
