package io.timeflow.plugin.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeflow.plugin.domain.ObjectType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK's schema dialect (its formats and keywords) is accepted; validation errors name the field
 * path and the rule, never the value; sensitive fields and declared sentinels are found.
 */
class PluginSchemaUnitTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static PluginSchema schema(String virtualSourceDefinition) throws Exception {
        Map<ObjectType, JsonNode> definitions = new EnumMap<>(ObjectType.class);
        for (ObjectType type : ObjectType.values()) {
            definitions.put(type, JSON.readTree("{\"type\": \"object\"}"));
        }
        definitions.put(ObjectType.VIRTUAL_SOURCE, PlatformTypes.expand(JSON.readTree(virtualSourceDefinition)));
        return PluginSchema.compile(definitions);
    }

    static final String SDK_STYLE = """
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["name", "port", "dbPass", "dataPath", "env"],
              "properties": {
                "name": {"type": "string", "prettyName": "Name", "description": "the VDB"},
                "port": {"type": "integer", "minimum": 1024, "maximum": 65535, "dxFormProperties": {"rows": 1}},
                "dbPass": {"type": "string", "format": "password", "minLength": 8},
                "dataPath": {"type": "string", "format": "unixpath"},
                "env": {"type": "string", "format": "reference", "referenceType": "UNIX_HOST_ENVIRONMENT"},
                "envUser": {"type": "string", "format": "reference", "referenceType": "HOST_USER", "matches": "env"},
                "credentials": {"$ref": "https://delphix.com/platform/api#/definitions/credentialsSupplier"},
                "tokens": {"type": "array", "items": {"type": "string", "format": "password"}},
                "mode": {"type": "string", "enum": ["fast", "safe"]}
              },
              "nameField": "name",
              "identityFields": ["name"],
              "ordering": ["name", "port"]
            }""";

    static JsonNode object(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void theSdkDialectIsAcceptedAndAConformingObjectPasses() throws Exception {
        PluginSchema schema = schema(SDK_STYLE);
        JsonNode ok = object("""
                {"name": "vdb01", "port": 5432, "dbPass": "correct horse", "dataPath": "/u01/data", "env": "UNIX_HOST_ENVIRONMENT-3",
                 "credentials": {"type": "NamedPasswordCredential", "username": "scott", "password": "tiger"}}""");
        assertThat(schema.validate(ObjectType.VIRTUAL_SOURCE, ok)).isEmpty();
        assertThat(schema.nameOf(ObjectType.VIRTUAL_SOURCE, ok)).contains("vdb01");
    }

    @Test
    void unixpathTakesAbsoluteRelativeAndEmptyPaths_notPlaceholdersOrPatterns() throws Exception {
        PluginSchema schema = schema("""
                {"type": "object", "properties": {"path": {"type": "string", "format": "unixpath"}}}""");
        for (String path : List.of("/u01/data", "archive-7", "backups/east/", "", ".", "/data/My Backups/x.tar.gz")) {
            assertThat(schema.validate(ObjectType.VIRTUAL_SOURCE, JSON.createObjectNode().put("path", path)))
                    .as(path).isEmpty();
        }
        for (String path : List.of("###_REDISCOVERY_REQUIRED_###", "/data/*.log", "<unknown>", "a|b", "line\nbreak")) {
            assertThat(schema.validate(ObjectType.VIRTUAL_SOURCE, JSON.createObjectNode().put("path", path)))
                    .as(path).extracting(Violation::describe).containsExactly("/path must be a valid unixpath (rule format)");
        }
    }

    @Test
    void violationsNameThePathAndTheRuleButNeverTheValue() throws Exception {
        PluginSchema schema = schema(SDK_STYLE);
        JsonNode bad = object("""
                {"name": "vdb01", "port": 15, "dbPass": "hunter2", "dataPath": "<data dir>", "env": "e",
                 "mode": "reckless-mode-value", "extra": "extra-field-value"}""");
        List<Violation> violations = schema.validate(ObjectType.VIRTUAL_SOURCE, bad);
        assertThat(violations).extracting(Violation::describe).contains(
                "/port must be >= 1024 (rule minimum)",
                "/dbPass must be at least 8 characters long (rule minLength)",
                "/dataPath must be a valid unixpath (rule format)",
                "/mode must be one of [\"fast\",\"safe\"] (rule enum)",
                "/extra is not a property the schema allows (rule additionalProperties)");
        String all = violations.toString();
        assertThat(all).doesNotContain("hunter2").doesNotContain("15,").doesNotContain("<data dir>")
                .doesNotContain("reckless-mode-value").doesNotContain("extra-field-value");
    }

    @Test
    void aMissingRequiredFieldIsNamedByItsPath() throws Exception {
        List<Violation> violations = schema(SDK_STYLE).validate(ObjectType.VIRTUAL_SOURCE,
                object("{\"name\": \"v\", \"port\": 2000, \"dataPath\": \"/d\", \"env\": \"e\"}"));
        assertThat(violations).extracting(Violation::describe).containsExactly("/dbPass is required (rule required)");
    }

    @Test
    void aWrongTypeSaysTheExpectedType() throws Exception {
        List<Violation> violations = schema(SDK_STYLE).validate(ObjectType.VIRTUAL_SOURCE,
                object("{\"name\": \"v\", \"port\": \"5432\", \"dbPass\": \"12345678\", \"dataPath\": \"/d\", \"env\": \"e\"}"));
        assertThat(violations).extracting(Violation::describe).containsExactly("/port must be of type integer (rule type)");
    }

    @Test
    void sensitiveFieldsArePasswordFormatsIncludingInsideThePlatformsCredentialTypesAndArrays() throws Exception {
        JsonNode data = object("""
                {"name": "v", "dbPass": "x", "tokens": ["a", "b"],
                 "credentials": {"type": "NamedPasswordCredential", "username": "scott", "password": "tiger"}}""");
        assertThat(schema(SDK_STYLE).sensitivePointers(ObjectType.VIRTUAL_SOURCE, data))
                .containsExactly("/credentials/password", "/dbPass", "/tokens/0", "/tokens/1");
        JsonNode keys = object("{\"credentials\": {\"type\": \"NamedKeyPairCredential\", \"privateKey\": \"-----BEGIN\"}}");
        assertThat(schema(SDK_STYLE).sensitivePointers(ObjectType.VIRTUAL_SOURCE, keys))
                .containsExactly("/credentials/privateKey");
    }

    @Test
    void sentinelsDeclaredInTheSchemaAreFound() throws Exception {
        PluginSchema schema = schema("""
                {"type": "object", "properties": {
                   "port": {"type": "integer", "minimum": 0, "sentinels": [0]},
                   "path": {"type": "string", "sentinels": ["<rediscover>"]}}}""");
        assertThat(schema.sentinelPointers(ObjectType.VIRTUAL_SOURCE, object("{\"port\": 0, \"path\": \"<rediscover>\"}")))
                .containsExactly("/path", "/port");
        assertThat(schema.sentinelPointers(ObjectType.VIRTUAL_SOURCE, object("{\"port\": 0.0, \"path\": \"/x\"}")))
                .containsExactly("/port");
        assertThat(schema.sentinelPointers(ObjectType.VIRTUAL_SOURCE, object("{\"port\": 5432}"))).isEmpty();
    }

    @Test
    void credentialSuppliersAreValidatedAsThePlatformDefinesThem() throws Exception {
        List<Violation> violations = schema(SDK_STYLE).validate(ObjectType.VIRTUAL_SOURCE, object("""
                {"name": "v", "port": 2000, "dbPass": "12345678", "dataPath": "/d", "env": "e",
                 "credentials": {"type": "NamedPasswordCredential", "username": "scott"}}"""));
        assertThat(violations).extracting(Violation::path).contains("/credentials");
        assertThat(violations.toString()).doesNotContain("scott");
    }
}
