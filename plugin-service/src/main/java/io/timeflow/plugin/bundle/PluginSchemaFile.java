package io.timeflow.plugin.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.timeflow.plugin.domain.ObjectType;
import io.timeflow.plugin.domain.PluginProblem;
import io.timeflow.plugin.schema.PlatformTypes;
import io.timeflow.plugin.schema.PluginSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A plugin's schema file, checked: a JSON object with a draft-07 definition for each of the five
 * object types ({@code repositoryDefinition}, ...; others such as {@code snapshotParametersDefinition}
 * are kept for the generated classes), each valid against the draft-07 meta-schema, with the SDK's
 * keywords well formed, only local references or references to the platform's predefined types,
 * and compilable. Every problem names the line.
 *
 * @param file        the schema file's path in the bundle
 * @param root        the file as read
 * @param definitions the five definitions, with platform references expanded
 * @param schema      the compiled validators
 */
public record PluginSchemaFile(String file, JsonNode root, Map<ObjectType, JsonNode> definitions, PluginSchema schema) {

    private static final JsonSchema META_SCHEMA = metaSchema();

    private static JsonSchema metaSchema() {
        try (InputStream in = JsonSchemaFactory.class.getClassLoader().getResourceAsStream("draft-07/schema")) {
            JsonNode meta = new ObjectMapper().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(meta,
                    SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and checks the schema file.
     *
     * @throws BundleRejectedException listing each problem with its line
     */
    public static PluginSchemaFile read(String file, String text) {
        LocatedJson located;
        try {
            located = LocatedJson.parse(text);
        } catch (LocatedJson.MalformedJsonException e) {
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE,
                    BundleProblem.at(file, e.line(), e.getMessage()));
        }
        JsonNode root = located.root();
        if (!root.isObject()) {
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE, BundleProblem.at(file, 1,
                    "must be a JSON object with the definitions repositoryDefinition, sourceConfigDefinition, "
                            + "linkedSourceDefinition, virtualSourceDefinition and snapshotDefinition"));
        }
        List<BundleProblem> problems = new ArrayList<>();
        Map<ObjectType, JsonNode> definitions = new EnumMap<>(ObjectType.class);
        for (ObjectType type : ObjectType.values()) {
            JsonNode definition = root.get(type.schemaKey());
            String at = "/" + type.schemaKey();
            if (definition == null) {
                problems.add(BundleProblem.at(file, 1, type.schemaKey() + " is missing"));
                continue;
            }
            if (!definition.isObject()) {
                problems.add(BundleProblem.at(file, located.lineOf(at), type.schemaKey() + " must be a JSON schema object"));
                continue;
            }
            int before = problems.size();
            checkReferences(file, located, definition, at, problems);
            for (ValidationMessage m : META_SCHEMA.validate(definition)) {
                String pointer = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
                problems.add(BundleProblem.at(file, located.lineOf(at + pointer), type.schemaKey()
                        + (pointer.isEmpty() ? "" : pointer) + " is not a valid draft-07 schema: " + m.getMessage()));
            }
            checkSdkKeywords(file, located, type, definition, at, problems);
            if (problems.size() == before) {
                definitions.put(type, PlatformTypes.expand(definition));
            }
        }
        // the other definitions (snapshotParametersDefinition, ...) are checked the same way but not stored
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            boolean objectType = false;
            for (ObjectType type : ObjectType.values()) {
                objectType |= type.schemaKey().equals(key);
            }
            if (!objectType && root.get(key).isObject()) {
                checkReferences(file, located, root.get(key), "/" + key, problems);
                for (ValidationMessage m : META_SCHEMA.validate(root.get(key))) {
                    String pointer = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
                    problems.add(BundleProblem.at(file, located.lineOf("/" + key + pointer),
                            key + pointer + " is not a valid draft-07 schema: " + m.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(BundleProblem::line));
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE, problems);
        }
        try {
            return new PluginSchemaFile(file, root, definitions, PluginSchema.compile(definitions));
        } catch (PluginSchema.InvalidSchemaException e) {
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE, BundleProblem.at(file,
                    located.lineOf("/" + e.type().schemaKey()), e.type().schemaKey() + " cannot be used: "
                            + e.getMessage()));
        }
    }

    /** Only local references and references to the platform's predefined types: nothing is ever fetched. */
    private static void checkReferences(String file, LocatedJson located, JsonNode node, String pointer,
            List<BundleProblem> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = ref.asText();
                if (PlatformTypes.isPlatformRef(target)) {
                    if (PlatformTypes.definition(target).isEmpty()) {
                        problems.add(BundleProblem.at(file, located.lineOf(pointer + "/$ref"), "$ref " + target
                                + " names no predefined type (credentialsSupplier, passwordCredentialsSupplier "
                                + "or keyCredentialsSupplier)"));
                    }
                } else if (!target.startsWith("#")) {
                    problems.add(BundleProblem.at(file, located.lineOf(pointer + "/$ref"), "$ref " + target
                            + " points outside the schema file; only references inside it (#/...) and to "
                            + PlatformTypes.PLATFORM_API + " are supported"));
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                checkReferences(file, located, field.getValue(), pointer + "/" + LocatedJson.escape(field.getKey()),
                        problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkReferences(file, located, node.get(i), pointer + "/" + i, problems);
            }
        }
    }

    /** {@code nameField} names a property; {@code identityFields} lists properties; {@code sentinels} is a list. */
    private static void checkSdkKeywords(String file, LocatedJson located, ObjectType type, JsonNode definition,
            String at, List<BundleProblem> problems) {
        JsonNode properties = definition.path("properties");
        JsonNode nameField = definition.get("nameField");
        if (nameField != null && (!nameField.isTextual() || !properties.has(nameField.asText()))) {
            problems.add(BundleProblem.at(file, located.lineOf(at + "/nameField"),
                    type.schemaKey() + "/nameField must name one of its properties"));
        }
        JsonNode identityFields = definition.get("identityFields");
        if (identityFields != null) {
            boolean ok = identityFields.isArray() && !identityFields.isEmpty();
            if (ok) {
                for (JsonNode field : identityFields) {
                    ok &= field.isTextual() && properties.has(field.asText());
                }
            }
            if (!ok) {
                problems.add(BundleProblem.at(file, located.lineOf(at + "/identityFields"),
                        type.schemaKey() + "/identityFields must list some of its properties"));
            }
        }
        checkSentinels(file, located, definition, at, problems);
    }

    private static final java.util.Set<String> SCHEMA_MAPS = java.util.Set.of("properties", "patternProperties",
            "definitions", "dependencies");
    private static final java.util.Set<String> NOT_SCHEMAS = java.util.Set.of("sentinels", "enum", "const", "default",
            "examples", "required", "identityFields", "ordering", "dxFormProperties");

    /** Walks the schemas of a definition: a {@code sentinels} keyword must be a non-empty list. */
    private static void checkSentinels(String file, LocatedJson located, JsonNode schema, String pointer,
            List<BundleProblem> problems) {
        if (schema.isArray()) {
            for (int i = 0; i < schema.size(); i++) {
                checkSentinels(file, located, schema.get(i), pointer + "/" + i, problems);
            }
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        JsonNode sentinels = schema.get("sentinels");
        if (sentinels != null && !(sentinels.isArray() && !sentinels.isEmpty())) {
            problems.add(BundleProblem.at(file, located.lineOf(pointer + "/sentinels"),
                    "sentinels must be a non-empty list of the placeholder values of the property"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String child = pointer + "/" + LocatedJson.escape(key);
            if (SCHEMA_MAPS.contains(key) && field.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> sub = field.getValue().fields(); sub.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = sub.next();
                    checkSentinels(file, located, entry.getValue(), child + "/" + LocatedJson.escape(entry.getKey()),
                            problems);
                }
            } else if (!NOT_SCHEMAS.contains(key)) {
                checkSentinels(file, located, field.getValue(), child, problems);
            }
        }
    }

    /** Every definition of the file (for the plugin's generated classes), as JSON. */
    public String definitionsJson() {
        return root.toString();
    }
}
