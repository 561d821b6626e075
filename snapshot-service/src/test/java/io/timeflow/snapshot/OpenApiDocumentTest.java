package io.timeflow.snapshot;

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
 * The API document is a product: every operation has an operationId, a summary, problem+json error
 * responses (401 and 403 included) and examples of its bodies; and the committed document
 * ({@code src/main/openapi/openapi.yaml}) is what the service serves (run with
 * {@code -Dopenapi.update=true} to rewrite it).
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("src/main/openapi/openapi.yaml");

    /** The document is served on the management interface, beside health and metrics. */
    @TestHTTPResource("/q/openapi")
    URL openapi;

    @Test
    void everyOperationIsNamedSummarisedAndDocumentsItsProblemsAndExamples() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get(openapi)
                .then().statusCode(200).extract().asString());
        List<String> defects = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode o = op.getValue();
                operations++;
                if (o.path("operationId").asText().isBlank()) {
                    defects.add(where + ": no operationId");
                }
                if (o.path("summary").asText().isBlank()) {
                    defects.add(where + ": no summary");
                }
                for (String status : List.of("401", "403")) {
                    if (!o.path("responses").has(status)) {
                        defects.add(where + ": no " + status + " response");
                    }
                }
                boolean problem = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = o.path("responses").fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    if (r.getKey().startsWith("4")) {
                        problem |= r.getValue().path("content").has("application/problem+json");
                    }
                    if (r.getKey().startsWith("2") && r.getValue().path("content").size() > 0
                            && r.getValue().path("content").path("application/json").path("schema").isMissingNode()) {
                        defects.add(where + ": response " + r.getKey() + " has no schema");
                    }
                }
                if (!problem) {
                    defects.add(where + ": no problem+json error response");
                }
                if (o.has("requestBody")) {
                    JsonNode body = o.path("requestBody").path("content").path("application/json");
                    if (body.path("schema").isMissingNode() || body.path("examples").isMissingNode()) {
                        defects.add(where + ": request body without schema or example");
                    }
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(20);
        assertThat(defects).isEmpty();
    }

    @Test
    void theCommittedDocumentIsTheServedOne() throws Exception {
        String served = given().queryParam("format", "yaml").get(openapi).then().statusCode(200).extract()
                .asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("%s is committed (run the test with -Dopenapi.update=true)", COMMITTED).exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("%s is out of date: run this test with -Dopenapi.update=true and commit the result", COMMITTED)
                .isEqualTo(served);
    }
}
