package io.timeflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document Quarkus exports at build time is committed (src/main/openapi/openapi.yaml)
 * and complete: every operation has an id, a summary, a security requirement and documented
 * problem answers. Run with {@code -Dopenapi.update=true} to rewrite the committed copy.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Path EXPORTED = Path.of("target/openapi/openapi.yaml");
    static final Path COMMITTED = Path.of("src/main/openapi/openapi.yaml");

    @Test
    void everyOperationHasAnIdASummaryProblemAnswersAndNeedsAToken() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(EXPORTED.toFile());
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            assertThat(path.getKey()).startsWith("/api/v1/plugins");
            for (Iterator<Map.Entry<String, JsonNode>> it = path.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> op = it.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                String where = op.getKey() + " " + path.getKey();
                operations++;
                assertThat(op.getValue().path("operationId").asText()).as(where).isNotBlank();
                assertThat(op.getValue().path("summary").asText()).as(where).isNotBlank();
                assertThat(op.getValue().path("security").isArray()).as(where + " security").isTrue();
                boolean problem = false;
                for (Iterator<Map.Entry<String, JsonNode>> r = op.getValue().path("responses").fields(); r.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = r.next();
                    if (response.getKey().startsWith("4")) {
                        problem |= response.getValue().path("content").has("application/problem+json");
                    }
                }
                assertThat(problem).as(where + " documents a problem+json answer").isTrue();
            }
        }
        assertThat(operations).isEqualTo(15);
    }

    @Test
    void theCommittedDocumentIsTheExportedOne() throws Exception {
        String exported = Files.readString(EXPORTED, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, exported, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("src/main/openapi/openapi.yaml is out of date: run the tests with -Dopenapi.update=true and commit it")
                .isEqualTo(exported);
    }
}
