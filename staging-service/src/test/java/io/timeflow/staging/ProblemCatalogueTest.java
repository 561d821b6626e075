package io.timeflow.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.platform.jobs.JobCode;
import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.ProblemCode;
import io.timeflow.staging.domain.StagingProblem;
import io.timeflow.testing.CommittedFile;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.junit.jupiter.api.Test;

/**
 * The problem codes staging-service answers are one catalogue ({@link StagingProblem#CATALOGUE}): each code once,
 * with one status, and the page {@code docs/problems/staging-service.md} is that catalogue (run with
 * {@code -Dproblems.update=true} to rewrite it).
 */
class ProblemCatalogueTest {

    static final Path PAGE = Path.of("../docs/problems/staging-service.md");
    static final Path RESOURCES = Path.of("src/main/java/io/timeflow/staging/api");
    static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

    static Map<String, ProblemCode> byCode() {
        return StagingProblem.CATALOGUE.codes().stream().collect(Collectors.toMap(ProblemCode::code, Function.identity()));
    }

    @Test
    void theCommittedPageMatchesTheCatalogue() throws Exception {
        CommittedFile.check(PAGE, StagingProblem.CATALOGUE.markdown(), "problems.update");
    }

    @Test
    void everyCodeIsListedOnceAfterTheCommonOnesAndSaysWhatItMeans() {
        List<String> codes = StagingProblem.CATALOGUE.codes().stream().map(ProblemCode::code).toList();
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(StagingProblem.CATALOGUE.service()).isEqualTo("staging-service");
        assertThat(codes.subList(0, CommonProblem.values().length))
                .containsExactlyElementsOf(Arrays.stream(CommonProblem.values()).map(ProblemCode::code).toList());
        for (ProblemCode c : StagingProblem.CATALOGUE.codes()) {
            assertThat(c.code()).as("code %s", c.code()).matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
            assertThat(c.status()).as("status of %s", c.code()).isBetween(400, 599);
            assertThat(c.title()).as("title of %s", c.code()).isNotBlank();
            assertThat(c.meaning()).as("meaning of %s", c.code()).isNotBlank().endsWith(".");
        }
    }

    @Test
    void theCodesClientsProgramAgainstKeepTheirStatusAndTitle() {
        Map<String, ProblemCode> codes = byCode();
        Map<String, Integer> documented = Map.ofEntries(
                Map.entry("NOT_FOUND", 404), Map.entry("VALIDATION_FAILED", 400),
                Map.entry("MAINTENANCE_IN_PROGRESS", 503), Map.entry("PLUGIN_UPGRADE_IN_PROGRESS", 409),
                Map.entry("NAME_TAKEN", 409), Map.entry("DSOURCE_DETACHED", 409), Map.entry("RESTORE_IN_PROGRESS", 409),
                Map.entry("UNKNOWN_REFERENCE", 422), Map.entry("FILES_OUTSIDE_MOUNT_DIRECTORY", 422),
                Map.entry("LSN_CHAIN_BROKEN", 422), Map.entry("FIRST_RESTORE_MUST_BE_FULL_WITH_REPLACE", 422),
                Map.entry("NOT_OBSERVED_YET", 404), Map.entry("AGENT_NOT_REGISTERED", 404),
                Map.entry("ENCRYPTION_KEY_MISSING", 503));
        documented.forEach((code, status) -> assertThat(codes).as("catalogue").containsKey(code)
                .extractingByKey(code).extracting(ProblemCode::status).as("status of %s", code).isEqualTo(status));
        assertThat(StagingProblem.LSN_CHAIN_BROKEN.title()).isEqualTo("Refused by a rule");
        assertThat(StagingProblem.NAME_TAKEN.title()).isEqualTo("Conflict with the current state");
        assertThat(StagingProblem.UNKNOWN_REFERENCE.title()).isEqualTo("Refers to something that does not exist");
        assertThat(StagingProblem.AGENT_NOT_REGISTERED.title()).isEqualTo("Resource not found");
        assertThat(StagingProblem.NOT_OBSERVED_YET.title()).isEqualTo("Nothing observed yet");
        assertThat(StagingProblem.ENCRYPTION_KEY_MISSING.title()).isEqualTo("No data-encryption key");
        assertThat(StagingProblem.LSN_CHAIN_BROKEN.type()).isEqualTo("urn:timeflow:problem:lsn-chain-broken");
    }

    /**
     * The codes of the warnings the operations succeed with are the catalogue's job codes, each with a meaning;
     * DATABASE_STATE_CHANGED is also the problem of the enable that follows, the others are no problems.
     */
    @Test
    void theWarningCodesAreJobCodes() {
        assertThat(StagingProblem.CATALOGUE.jobCodes()).extracting(JobCode::name).containsExactlyInAnyOrder(
                "SKIP_ATTACH_OPERATION", "DATABASE_STATE_CHANGED", "LOG_RESTORE_AFTER_RESUME", "SOURCE_READ_ONLY");
        for (JobCode c : StagingProblem.CATALOGUE.jobCodes()) {
            assertThat(c.meaning()).as("meaning of %s", c.name()).isNotBlank().endsWith(".");
        }
        assertThat(byCode()).containsKey("DATABASE_STATE_CHANGED")
                .doesNotContainKeys("SKIP_ATTACH_OPERATION", "LOG_RESTORE_AFTER_RESUME", "SOURCE_READ_ONLY");
    }

    /** A code an operation's refusal names in the OpenAPI document is a code of the catalogue, with that status. */
    @Test
    void theCodesTheOperationsNameAreInTheCatalogueWithTheirStatus() throws Exception {
        Map<String, ProblemCode> codes = byCode();
        List<String> named = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<Path> resources;
        try (Stream<Path> files = Files.list(RESOURCES)) {
            resources = files.filter(p -> p.getFileName().toString().endsWith("Resource.java")).sorted().toList();
        }
        assertThat(resources).isNotEmpty();
        for (Path file : resources) {
            String name = file.getFileName().toString().replace(".java", "");
            Class<?> resource = Class.forName("io.timeflow.staging.api." + name);
            for (Method m : resource.getDeclaredMethods()) {
                for (APIResponse r : m.getAnnotationsByType(APIResponse.class)) {
                    int status = Integer.parseInt(r.responseCode());
                    if (status < 400) {
                        continue;
                    }
                    Matcher code = CODE.matcher(r.description());
                    while (code.find()) {
                        String where = name + "." + m.getName() + " " + status + " " + code.group();
                        named.add(where);
                        ProblemCode entry = codes.get(code.group());
                        if (entry == null || entry.status() != status) {
                            wrong.add(where + (entry == null ? " is not in the catalogue" : " is a " + entry.status()));
                        }
                    }
                }
            }
        }
        assertThat(named).as("codes named by the operations").hasSizeGreaterThan(20);
        assertThat(wrong).as("codes named by the operations").isEmpty();
    }
}
