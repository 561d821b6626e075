package io.timeflow.staging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API description is a product: every operation has an id, a summary, request and response
 * schemas with examples, and its refusals as problem+json; the committed document matches the code
 * (run with {@code -Dopenapi.update=true} to rewrite {@code src/main/openapi/openapi.yaml}).
 */
@QuarkusTest
class OpenApiContractTest {

    static final Path COMMITTED = Path.of("src/main/openapi/openapi.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/q/openapi")
    URL openapi;

    JsonNode document() throws Exception {
        return JSON.readTree(given().accept("application/json").get(openapi + "?format=json")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void everyOperationHasAnIdASummaryAndProblemResponses() throws Exception {
        JsonNode doc = document();
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                operations.add(where);
                JsonNode o = op.getValue();
                assertThat(o.path("operationId").asText()).as("operationId of %s", where).isNotBlank();
                assertThat(o.path("summary").asText()).as("summary of %s", where).isNotBlank();
                assertThat(o.path("security").isArray()).as("%s needs a token", where).isTrue();
                boolean success = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = o.path("responses").fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    int status = Integer.parseInt(r.getKey());
                    if (status >= 200 && status < 300) {
                        success = true;
                        if (status != 204) {
                            assertThat(r.getValue().path("content").path("application/json").path("schema").isMissingNode())
                                    .as("%s %d has a response schema", where, status).isFalse();
                        }
                    } else {
                        assertThat(r.getValue().path("content").path("application/problem+json").path("schema")
                                .path("$ref").asText()).as("%s %d is problem+json", where, status)
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }
                assertThat(success).as("%s documents its success", where).isTrue();
                assertThat(o.path("responses").has("401") && o.path("responses").has("403")).isTrue();
                if (!o.path("requestBody").isMissingNode()) {
                    assertThat(o.path("requestBody").path("content").path("application/json").path("schema").path("$ref")
                            .asText()).as("%s has a request schema", where).startsWith("#/components/schemas/");
                }
            }
        }
        assertThat(operations).contains("POST /api/v1/dsources", "POST /api/v1/dsources/{id}/restores",
                "PUT /api/v1/dsources/{id}/staging-database", "GET /api/v1/faults", "POST /api/v1/faults/{id}/resolve");
    }

    @Test
    void everyFieldOfTheServicesSchemasHasAnExample() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            if (List.of("Problem", "FieldError", "Page", "Instant", "UUID").contains(schema.getKey())) {
                continue; // the platform's shapes
            }
            for (Iterator<Map.Entry<String, JsonNode>> props = schema.getValue().path("properties").fields(); props.hasNext(); ) {
                Map.Entry<String, JsonNode> p = props.next();
                JsonNode v = p.getValue();
                boolean nested = v.has("$ref") && !v.has("examples") || "array".equals(v.path("type").asText())
                        && v.path("items").has("$ref");
                if (!nested && !v.has("examples") && !v.has("example")) {
                    missing.add(schema.getKey() + "." + p.getKey());
                }
            }
        }
        assertThat(missing).as("fields without an example").isEmpty();
    }

    @Test
    void theCommittedDocumentMatchesTheCode() throws Exception {
        String current = given().get(openapi.toString()).then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, current, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED)).as("%s is committed (run with -Dopenapi.update=true)", COMMITTED).isTrue();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("%s is up to date (run with -Dopenapi.update=true)", COMMITTED).isEqualTo(current);
    }
}
