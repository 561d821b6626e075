package io.timeflow.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document Quarkus exports at build time (target/openapi) is committed as
 * src/main/openapi/openapi.yaml, from which clients/backup-client is generated; it is complete enough
 * for a typed client. Run with {@code -Dopenapi.update=true} to rewrite the committed copy.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Path EXPORTED = Path.of("target/openapi/openapi.yaml");
    static final Path COMMITTED = Path.of("src/main/openapi/openapi.yaml");

    @Test
    void everyOperationHasAnIdASummaryATypedAnswerProblemAnswersAndNeedsAToken() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(EXPORTED.toFile());
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> it = path.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> op = it.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                operations.add(op.getValue().path("operationId").asText());
                assertThat(op.getValue().path("operationId").asText()).as("operationId of %s", where).isNotBlank();
                assertThat(op.getValue().path("summary").asText()).as("summary of %s", where).isNotBlank();
                assertThat(op.getValue().path("security").isArray()).as("%s needs a token", where).isTrue();
                JsonNode responses = op.getValue().path("responses");
                for (String refusal : List.of("401", "403")) {
                    assertThat(responses.path(refusal).path("content").has("application/problem+json"))
                            .as("%s documents its %s as problem+json", where, refusal).isTrue();
                }
                for (Iterator<Map.Entry<String, JsonNode>> r = responses.fields(); r.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = r.next();
                    if (response.getKey().startsWith("2") && !response.getKey().equals("204")) {
                        JsonNode content = response.getValue().path("content");
                        assertThat(content.isObject() && content.size() > 0).as("%s %s has a body", where,
                                response.getKey()).isTrue();
                        content.fields().forEachRemaining(media -> assertThat(media.getValue().has("schema"))
                                .as("%s %s %s has a schema", where, response.getKey(), media.getKey()).isTrue());
                    }
                }
            }
        }
        assertThat(operations).contains("createBackup", "listBackups", "getBackup", "downloadBackupArchive",
                "verifyBackup", "uploadBackupArchive", "deleteBackup", "createRestore", "listRestores", "getRestore",
                "getBackupSchedule", "setBackupSchedule").doesNotHaveDuplicates();
    }

    @Test
    void theCommittedDocumentIsTheExportedOne() throws Exception {
        String exported = Files.readString(EXPORTED, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, exported, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("%s is committed (run the tests with -Dopenapi.update=true)", COMMITTED).exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("%s is out of date: run the tests with -Dopenapi.update=true and commit it", COMMITTED)
                .isEqualTo(exported);
    }
}
