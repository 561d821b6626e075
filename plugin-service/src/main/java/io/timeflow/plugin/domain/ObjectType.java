package io.timeflow.plugin.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The five kinds of plugin-defined objects: each has a definition in the plugin's schema file and a
 * decorator for its data migrations ({@code @plugin.upgrade.<decorator>(id)}).
 */
public enum ObjectType {
    REPOSITORY("repositoryDefinition", "repository", "repository"),
    SOURCE_CONFIG("sourceConfigDefinition", "source_config", "source config"),
    LINKED_SOURCE("linkedSourceDefinition", "linked_source", "linked source"),
    VIRTUAL_SOURCE("virtualSourceDefinition", "virtual_source", "virtual source"),
    SNAPSHOT("snapshotDefinition", "snapshot", "snapshot");

    private final String schemaKey;
    private final String decorator;
    private final String label;

    ObjectType(String schemaKey, String decorator, String label) {
        this.schemaKey = schemaKey;
        this.decorator = decorator;
        this.label = label;
    }

    /** The key of this type's definition in the schema file, e.g. {@code linkedSourceDefinition}. */
    public String schemaKey() {
        return schemaKey;
    }

    /** The name of its migration decorator, e.g. {@code linked_source} in {@code @plugin.upgrade.linked_source}. */
    public String decorator() {
        return decorator;
    }

    /** How people call it, e.g. "linked source". */
    public String label() {
        return label;
    }

    public static Optional<ObjectType> byDecorator(String decorator) {
        return Arrays.stream(values()).filter(t -> t.decorator.equals(decorator)).findFirst();
    }
}
