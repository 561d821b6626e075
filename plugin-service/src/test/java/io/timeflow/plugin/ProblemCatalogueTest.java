package io.timeflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.timeflow.platform.jobs.JobCode;
import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.ProblemCode;
import io.timeflow.plugin.domain.PluginProblem;
import io.timeflow.testing.CommittedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Unit test (no service): plugin-service's problem codes as its users read them. The committed page
 * {@code docs/problems/plugin-service.md} is the catalogue's (run with {@code -Dproblems.update=true} to
 * rewrite it).
 */
class ProblemCatalogueTest {

    static final Path PAGE = Path.of("../docs/problems/plugin-service.md");
    static final Path OPENAPI = Path.of("src/main/openapi/openapi.yaml");

    static final Map<String, ProblemCode> BY_CODE = PluginProblem.CATALOGUE.codes().stream()
            .collect(Collectors.toMap(ProblemCode::code, Function.identity()));

    @Test
    void theCommittedPageIsTheCatalogues() throws Exception {
        CommittedFile.check(PAGE, PluginProblem.CATALOGUE.markdown(), "problems.update");
    }

    @Test
    void theCodesOfInstallsUpgradesAndObjectWritesAreListedWithTheirStatus() {
        Map<String, Integer> documented = Map.ofEntries(
                Map.entry("NOT_FOUND", 404), Map.entry("VALIDATION_FAILED", 400),
                Map.entry("PLUGIN_UPGRADE_IN_PROGRESS", 409), Map.entry("MAINTENANCE_IN_PROGRESS", 503),
                Map.entry("INVALID_BUNDLE", 422), Map.entry("UNSUPPORTED_LANGUAGE", 422),
                Map.entry("INVALID_MIGRATION_ID", 422), Map.entry("DUPLICATE_MIGRATION_ID", 422),
                Map.entry("PLUGIN_ALREADY_INSTALLED", 409), Map.entry("PLUGIN_ID_MISMATCH", 422),
                Map.entry("BUILD_NUMBER_NOT_INCREASED", 422), Map.entry("MIGRATION_REMOVED", 422),
                Map.entry("UPGRADE_IN_PROGRESS", 409));
        documented.forEach((code, status) -> assertThat(BY_CODE.get(code)).as(code).isNotNull()
                .extracting(ProblemCode::status).isEqualTo(status));
        assertThat(PluginProblem.INVALID_BUNDLE.type()).isEqualTo("urn:timeflow:problem:invalid-bundle");
    }

    /** An upgrade's report lines carry codes of their own; they are no answer to a request. */
    @Test
    void theCodesOfReportLinesAreNotProblems() {
        assertThat(BY_CODE).doesNotContainKeys("MIGRATION_FAILED", "MIGRATION_RESULT_INVALID", "SANDBOX_VIOLATION",
                "MIGRATION_TIMED_OUT", "MIGRATION_LIMIT_EXCEEDED", "SCHEMA_VALIDATION_FAILED", "UPGRADE_INTERRUPTED",
                "NOT_RUN");
    }

    /** The codes of upgrades' results are listed on the page, after the problems. */
    @Test
    void theCodesOfUpgradesResultsAreJobCodes() {
        assertThat(PluginProblem.CATALOGUE.jobCodes()).extracting(JobCode::name).containsExactly("MIGRATION_FAILED",
                "MIGRATION_RESULT_INVALID", "SANDBOX_VIOLATION", "MIGRATION_TIMED_OUT", "MIGRATION_LIMIT_EXCEEDED",
                "SCHEMA_VALIDATION_FAILED", "NOT_RUN", "UPGRADE_INTERRUPTED", "INTERNAL_ERROR");
        for (JobCode c : PluginProblem.CATALOGUE.jobCodes()) {
            assertThat(c.meaning()).as(c.name()).isNotBlank().endsWith(".");
        }
    }

    @Test
    void ownCodesAreUpperSnakeCaseWithATitleAndAMeaning() {
        assertThat(PluginProblem.CATALOGUE.codes()).startsWith(CommonProblem.values());
        for (PluginProblem p : PluginProblem.values()) {
            assertThat(p.code()).matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
            assertThat(p.meaning()).as(p.code()).isNotBlank().endsWith(".");
        }
        // a refused bundle is one title whatever is wrong with it; the other refusals have their status's
        Stream.of(PluginProblem.INVALID_BUNDLE, PluginProblem.UNSUPPORTED_LANGUAGE, PluginProblem.INVALID_MIGRATION_ID,
                PluginProblem.DUPLICATE_MIGRATION_ID).forEach(p -> assertThat(p.title()).as(p.code())
                        .isEqualTo("The plugin bundle is refused"));
        Stream.of(PluginProblem.PLUGIN_ALREADY_INSTALLED, PluginProblem.PLUGIN_ID_MISMATCH,
                PluginProblem.BUILD_NUMBER_NOT_INCREASED, PluginProblem.MIGRATION_REMOVED,
                PluginProblem.UPGRADE_IN_PROGRESS).forEach(p -> assertThat(p.title()).as(p.code())
                        .isEqualTo(ProblemCode.titleOf(p.status())));
    }

    /** Each example answer of the OpenAPI document is one of the catalogue, with its type, status and title. */
    @Test
    void theProblemExamplesOfTheOpenApiDocumentAreCatalogued() throws Exception {
        List<JsonNode> examples = new ArrayList<>();
        collectProblems(new ObjectMapper(new YAMLFactory()).readTree(OPENAPI.toFile()), examples);
        assertThat(examples).isNotEmpty();
        for (JsonNode example : examples) {
            String code = example.path("code").asText();
            ProblemCode entry = BY_CODE.get(code);
            assertThat(entry).as(code).isNotNull();
            assertThat(example.path("status").asInt()).as(code).isEqualTo(entry.status());
            assertThat(example.path("title").asText()).as(code).isEqualTo(entry.title());
            assertThat(example.path("type").asText()).as(code).isEqualTo(entry.type());
        }
    }

    private static void collectProblems(JsonNode node, List<JsonNode> into) {
        if (node.isObject() && node.path("code").isTextual() && node.path("status").isInt()
                && node.path("type").asText().startsWith("urn:timeflow:problem:")) {
            into.add(node);
        }
        node.forEach(child -> collectProblems(child, into));
    }
}
