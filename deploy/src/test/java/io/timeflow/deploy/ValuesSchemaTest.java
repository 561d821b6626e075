package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json refuses what it does not know, so a typo fails the install instead of being ignored. */
class ValuesSchemaTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "top level                    | replica: 3                                                   | replica",
        "a typo in a service name     | 'services: {stagging: {replicas: 1}}'                         | stagging",
        "the default block            | 'default: {replica: 3}'                                       | replica",
        "a service's block            | 'services: {plugin: {javaOpts: -Xmx1g}}'                      | javaOpts",
        "a nested setting             | 'default: {probes: {liveness: {path: /health}}}'              | path",
        "database settings            | 'services: {backup: {database: {user: x}}}'                   | user",
        "PostgreSQL TLS               | 'postgresql: {tls: {enabled: true}}'                          | enabled",
        "Kafka settings               | 'kafka: {bootstrap: x:9092}'                                  | bootstrap",
        "the container security       | 'default: {securityContext: {runAsRoot: true}}'               | runAsRoot",
        "the shared secrets           | 'secrets: {encryptionKeys: {value: x}}'                       | encryptionKeys",
        "the Ingress                  | 'ingress: {hosts: [a.example.com]}'                           | hosts",
        "an extra environment entry   | 'default: {env: [{name: A, valu: b}]}'                        | valu",
    })
    void schemaRefusesAnUnknownKeyIn(String where, String yaml, String key) {
        Path values = Chart.valuesFile("unknown-" + key, yaml + "\n");
        assertThatThrownBy(() -> Chart.template(Chart.defaults(), values))
                .as("an unknown key in %s", where)
                .hasMessageContaining("schema")
                .hasMessageContaining("additional properties")
                .hasMessageContaining("'" + key + "'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "replicas as text             | 'default: {replicas: two}'",
        "an unknown sslmode           | 'postgresql: {tls: {mode: strict}}'",
        "an unknown Kafka protocol    | 'kafka: {securityProtocol: TLS}'",
        "an ingress path not rooted   | 'services: {plugin: {ingressPaths: [api/v1/plugins]}}'",
        "a port out of range          | 'default: {managementPort: 70000}'",
        "a digest that is not sha256  | 'services: {staging: {image: {digest: latest}}}'",
    })
    void schemaRefusesAWrongValue(String what, String yaml) {
        Path values = Chart.valuesFile("wrong-" + what.replace(' ', '-'), yaml + "\n");
        assertThatThrownBy(() -> Chart.template(Chart.defaults(), values))
                .as(what).hasMessageContaining("schema");
    }

    /**
     * Every object the schema describes with properties is closed (additionalProperties: false).
     * Open objects are only maps of plain values (labels, annotations, Kafka properties) and
     * Kubernetes objects passed through as written (the API server checks those).
     */
    @Test
    void everyObjectInTheSchemaRefusesUnknownKeys() throws IOException {
        JsonNode schema = Chart.JSON.readTree(Chart.DIR.resolve("values.schema.json").toFile());
        List<String> open = new ArrayList<>();
        walk(schema, "#", open);
        assertThat(open).as("objects that accept unknown keys").isEmpty();
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    private static final Set<String> MAP_OF_VALUES = Set.of("string", "number", "boolean");

    private static void walk(JsonNode node, String where, List<String> open) {
        if (!node.isObject()) {
            return;
        }
        boolean objectSchema = node.has("properties") || "object".equals(node.path("type").asText());
        if (objectSchema && !node.has("$ref")) {
            JsonNode ap = node.get("additionalProperties");
            boolean closed = ap != null && ap.isBoolean() && !ap.asBoolean();
            boolean mapOfValues = ap != null && ap.isObject() && !node.has("properties") && isPlainType(ap.path("type"));
            boolean passThrough = !node.has("properties") && ap == null
                    && node.path("description").asText().contains("a Kubernetes object")
                    || where.equals("#/properties/global");
            if (!closed && !mapOfValues && !passThrough) {
                open.add(where);
            }
        }
        for (String keyword : List.of("properties", "definitions")) {
            node.path(keyword).properties().forEach(e -> walk(e.getValue(), where + "/" + keyword + "/" + e.getKey(), open));
        }
        for (String keyword : List.of("items", "additionalProperties")) {
            walk(node.path(keyword), where + "/" + keyword, open);
        }
    }

    private static boolean isPlainType(JsonNode type) {
        if (type.isTextual()) {
            return MAP_OF_VALUES.contains(type.asText());
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!MAP_OF_VALUES.contains(t.asText())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void theDefaultValuesAndEveryScenarioPassTheSchema() {
        for (Chart.Scenario scenario : Chart.allScenarios()) {
            assertThat(Chart.manifests(scenario)).as("%s renders", scenario).isNotEmpty();
        }
    }
}
