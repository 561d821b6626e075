package io.timeflow.plugin.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.timeflow.plugin.domain.ObjectType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compiled schema of one plugin version: a JSON Schema draft-07 validator per object type, in
 * the Virtualization SDK's dialect (its formats {@code password}, {@code unixpath} and
 * {@code reference}; its keywords {@code nameField}, {@code identityFields}, {@code prettyName} and
 * the like accepted as annotations), and the knowledge of which fields are sensitive and which carry
 * a declared sentinel value.
 *
 * <p>Definitions must have had their references to the platform's predefined types expanded
 * ({@link PlatformTypes#expand}); no schema is ever fetched.
 */
public final class PluginSchema {

    /** Schema keywords of the SDK (and Timeflow's {@code sentinels}) that carry no validation. */
    public static final List<String> SDK_KEYWORDS = List.of("nameField", "identityFields", "prettyName", "ordering",
            "referenceType", "matches", "dxFormProperties", "sentinels");

    /** A property whose schema has {@code "format": "password"} holds a sensitive value. */
    public static final String SENSITIVE_FORMAT = "password";

    private static final JsonSchemaFactory FACTORY = factory();
    private static final SchemaValidatorsConfig VALIDATION = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .typeLoose(false)
            .failFast(false)
            .locale(Locale.ROOT)
            .build();

    private final Map<ObjectType, JsonNode> definitions;
    private final Map<ObjectType, JsonSchema> validators;

    private PluginSchema(Map<ObjectType, JsonNode> definitions, Map<ObjectType, JsonSchema> validators) {
        this.definitions = definitions;
        this.validators = validators;
    }

    /** Thrown when a definition cannot be compiled (a bad regular expression, an unresolvable reference). */
    public static final class InvalidSchemaException extends RuntimeException {
        private final ObjectType type;

        InvalidSchemaException(ObjectType type, String message) {
            super(message);
            this.type = type;
        }

        public ObjectType type() {
            return type;
        }
    }

    private static JsonSchemaFactory factory() {
        JsonMetaSchema v7 = JsonMetaSchema.getV7();
        JsonMetaSchema.Builder dialect = JsonMetaSchema.builder(v7.getIri(), v7);
        for (String keyword : SDK_KEYWORDS) {
            dialect.keyword(new NonValidationKeyword(keyword));
        }
        dialect.format(new SdkFormat("password", "a password", value -> true));
        dialect.format(new SdkFormat("reference", "a reference to an object of the engine", value -> !value.isEmpty()));
        dialect.format(new SdkFormat("unixpath", "a Unix path", PluginSchema::unixPath));
        return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
                .metaSchema(dialect.build())
                .defaultMetaSchemaIri(v7.getIri())
                .build();
    }

    /**
     * The SDK's {@code unixpath} format: a string that reads as a Unix path, absolute or relative (a
     * released plugin's migration writes a file's base name into such a field), or empty (plugins give
     * such fields the default ""). No control characters, and none of {@code # * ? " < > |}, which
     * mark placeholders and patterns rather than paths (the seed's rediscovery sentinel is refused).
     * See ADR 0080.
     */
    static boolean unixPath(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || "#*?\"<>|".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A format of the SDK's dialect. */
    private record SdkFormat(String name, String what, java.util.function.Predicate<String> test) implements Format {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getMessageKey() {
            return "format";
        }

        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            return test.test(value);
        }
    }

    /**
     * Compiles the definitions.
     *
     * @throws InvalidSchemaException naming the type whose definition does not compile
     */
    public static PluginSchema compile(Map<ObjectType, JsonNode> definitions) {
        Map<ObjectType, JsonSchema> validators = new EnumMap<>(ObjectType.class);
        for (Map.Entry<ObjectType, JsonNode> e : definitions.entrySet()) {
            JsonNode definition = e.getValue().deepCopy();
            if (definition.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) definition).remove("$schema");
            }
            try {
                JsonSchema schema = FACTORY.getSchema(definition, VALIDATION);
                schema.initializeValidators();
                validators.put(e.getKey(), schema);
            } catch (RuntimeException failure) {
                throw new InvalidSchemaException(e.getKey(), failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
            }
        }
        return new PluginSchema(new EnumMap<>(definitions), validators);
    }

    public JsonNode definition(ObjectType type) {
        return definitions.get(type);
    }

    /** How the object breaks its type's definition, without its values; empty when it conforms. */
    public List<Violation> validate(ObjectType type, JsonNode object) {
        Set<ValidationMessage> messages = validators.get(type).validate(object);
        if (messages.isEmpty()) {
            return List.of();
        }
        Set<Violation> violations = new LinkedHashSet<>();
        for (ValidationMessage m : messages) {
            violations.add(describe(m));
        }
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(Violation::path).thenComparing(Violation::rule));
        return sorted;
    }

    /**
     * The JSON pointers of the object's sensitive values: fields whose schema says
     * {@code "format": "password"} (also inside the platform's credential types). An enclosing
     * sensitive field hides the ones inside it.
     */
    public List<String> sensitivePointers(ObjectType type, JsonNode object) {
        List<String> found = new ArrayList<>();
        SchemaWalk.walk(definitions.get(type), object, (schema, value, pointer) -> {
            JsonNode format = schema.get("format");
            if (format != null && SENSITIVE_FORMAT.equals(format.asText())) {
                if (!found.contains(pointer)) {
                    found.add(pointer);
                }
                return false;
            }
            return true;
        });
        found.sort(Comparator.naturalOrder());
        List<String> outermost = new ArrayList<>();
        for (String pointer : found) {
            if (outermost.stream().noneMatch(outer -> pointer.startsWith(outer + "/"))) {
                outermost.add(pointer);
            }
        }
        return outermost;
    }

    /**
     * The JSON pointers of fields whose value is one of the sentinels their schema declares
     * ({@code "sentinels": [0]}): placeholders that mean rediscovery or user input is needed.
     */
    public List<String> sentinelPointers(ObjectType type, JsonNode object) {
        Set<String> found = new LinkedHashSet<>();
        SchemaWalk.walk(definitions.get(type), object, (schema, value, pointer) -> {
            JsonNode sentinels = schema.get("sentinels");
            if (sentinels != null && sentinels.isArray()) {
                for (JsonNode sentinel : sentinels) {
                    if (sameValue(sentinel, value)) {
                        found.add(pointer);
                    }
                }
            }
            return true;
        });
        List<String> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.naturalOrder());
        return sorted;
    }

    /** The object's name per its definition's {@code nameField}, when it has one. */
    public Optional<String> nameOf(ObjectType type, JsonNode object) {
        JsonNode nameField = definitions.get(type).get("nameField");
        if (nameField == null || !nameField.isTextual()) {
            return Optional.empty();
        }
        JsonNode name = object.get(nameField.asText());
        return name != null && name.isValueNode() && !name.isNull() ? Optional.of(name.asText()) : Optional.empty();
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** A validation message turned into path, rule and the schema's expectation, never the value. */
    static Violation describe(ValidationMessage m) {
        String keyword = m.getType() == null ? "schema" : m.getType();
        String path = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        JsonNode rule = keywordValue(m, keyword);
        String property = m.getProperty();
        return switch (keyword) {
            case "required" -> new Violation(path + "/" + SchemaWalk.escape(nonNull(property)), keyword,
                    "is required");
            case "additionalProperties" -> new Violation(
                    path.endsWith("/" + SchemaWalk.escape(nonNull(property))) || property == null ? path
                            : path + "/" + SchemaWalk.escape(property), keyword,
                    "is not a property the schema allows");
            case "type" -> new Violation(path, keyword, "must be of type " + text(rule));
            case "minimum" -> new Violation(path, keyword, "must be >= " + text(rule));
            case "maximum" -> new Violation(path, keyword, "must be <= " + text(rule));
            case "exclusiveMinimum" -> new Violation(path, keyword, "must be > " + text(rule));
            case "exclusiveMaximum" -> new Violation(path, keyword, "must be < " + text(rule));
            case "multipleOf" -> new Violation(path, keyword, "must be a multiple of " + text(rule));
            case "minLength" -> new Violation(path, keyword, "must be at least " + text(rule) + " characters long");
            case "maxLength" -> new Violation(path, keyword, "must be at most " + text(rule) + " characters long");
            case "pattern" -> new Violation(path, keyword, "must match the pattern " + text(rule));
            case "format" -> new Violation(path, keyword, "must be a valid " + text(rule));
            case "enum" -> new Violation(path, keyword, "must be one of " + text(rule));
            case "const" -> new Violation(path, keyword, "must be " + text(rule));
            case "minItems" -> new Violation(path, keyword, "must have at least " + text(rule) + " items");
            case "maxItems" -> new Violation(path, keyword, "must have at most " + text(rule) + " items");
            case "uniqueItems" -> new Violation(path, keyword, "must not repeat items");
            case "minProperties" -> new Violation(path, keyword, "must have at least " + text(rule) + " properties");
            case "maxProperties" -> new Violation(path, keyword, "must have at most " + text(rule) + " properties");
            case "oneOf" -> new Violation(path, keyword, "must match exactly one of the schema's alternatives");
            case "anyOf" -> new Violation(path, keyword, "must match one of the schema's alternatives");
            case "allOf" -> new Violation(path, keyword, "must match all of the schema's parts");
            case "not" -> new Violation(path, keyword, "must not match the schema given under not");
            case "false" -> new Violation(path, keyword, "is not allowed");
            default -> new Violation(path, keyword, "breaks the schema's " + keyword + " rule");
        };
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** The value of the keyword in the schema (from the schema, never from the object). */
    private static JsonNode keywordValue(ValidationMessage m, String keyword) {
        JsonNode schemaNode = m.getSchemaNode();
        if (schemaNode == null) {
            return null;
        }
        if (schemaNode.isObject() && schemaNode.has(keyword)) {
            return schemaNode.get(keyword);
        }
        return schemaNode;
    }

    private static String text(JsonNode rule) {
        if (rule == null) {
            return "what the schema says";
        }
        String text = rule.isTextual() ? rule.asText() : rule.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
