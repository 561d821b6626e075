package io.timeflow.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.timeflow.backup.archive.ArchiveException;
import io.timeflow.backup.domain.BackupProblem;
import io.timeflow.platform.jobs.JobCode;
import io.timeflow.platform.problem.ProblemCode;
import io.timeflow.testing.CommittedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * backup-service's problem codes as its users read them: the committed page docs/problems/backup-service.md is
 * {@link BackupProblem#CATALOGUE} rendered. Run with {@code -Dproblems.update=true} to rewrite the page.
 */
class ProblemCatalogueTest {

    static final Path PAGE = Path.of("../docs/problems/backup-service.md");
    static final Path OPENAPI = Path.of("src/main/openapi/openapi.yaml");
    static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

    static final Map<String, ProblemCode> BY_CODE = BackupProblem.CATALOGUE.codes().stream()
            .collect(Collectors.toMap(ProblemCode::code, Function.identity()));

    @Test
    void theCommittedPageIsTheCatalogue() throws Exception {
        CommittedFile.check(PAGE, BackupProblem.CATALOGUE.markdown(), "problems.update");
    }

    @Test
    void theCodesClientsProgramAgainstKeepTheirStatus() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("NOT_FOUND", 404);
        expected.put("VALIDATION_FAILED", 400);
        expected.put("MAINTENANCE_IN_PROGRESS", 503);
        expected.put("OPERATION_IN_PROGRESS", 409);
        expected.put("CONFIRMATION_REQUIRED", 400);
        expected.put("INSUFFICIENT_DATABASE_SPACE", 409);
        expected.put("BACKUP_NEWER_THAN_SUITE", 422);
        expected.put("WRONG_PASSPHRASE", 422);
        expected.put("ARCHIVE_TAMPERED", 422);
        expected.put("ARCHIVE_MISSING", 409);
        expected.put("BACKUP_EXISTS", 409);
        expected.put("ENCRYPTION_KEY_MISSING", 503);
        expected.forEach((code, status) -> assertThat(BY_CODE.get(code)).as(code).isNotNull()
                .extracting(ProblemCode::status).as("status of %s", code).isEqualTo(status));
        assertThat(BackupProblem.CATALOGUE.codes()).allSatisfy(c -> {
            assertThat(c.code()).matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
            assertThat(c.title()).as("title of %s", c.code()).isNotBlank();
            assertThat(c.meaning()).as("meaning of %s", c.code()).isNotBlank();
        });
    }

    @Test
    void everyCodeAResponseOfTheApiDocumentNamesIsInTheCatalogueWithThatStatus() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(OPENAPI.toFile());
        List<String> named = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                for (Iterator<Map.Entry<String, JsonNode>> r = op.getValue().path("responses").fields(); r.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = r.next();
                    Matcher m = CODE.matcher(response.getValue().path("description").asText());
                    while (m.find()) {
                        String where = op.getKey().toUpperCase() + " " + path.getKey() + " " + response.getKey();
                        named.add(m.group());
                        assertThat(BY_CODE.get(m.group())).as("%s names %s", where, m.group()).isNotNull()
                                .extracting(c -> String.valueOf(c.status())).as("status of %s in %s", m.group(), where)
                                .isEqualTo(response.getKey());
                    }
                }
            }
        }
        assertThat(named).contains("OPERATION_IN_PROGRESS", "WRONG_PASSPHRASE", "BACKUP_NEWER_THAN_SUITE");
    }

    @Test
    void everyArchiveFaultIsA422OfTheCatalogueAndJobsKeepTheirCodes() {
        assertThat(ArchiveException.Reason.values()).allSatisfy(reason -> {
            assertThat(BY_CODE).containsValue(reason.problem());
            assertThat(reason.problem().status()).isEqualTo(422);
        });
        // the codes restores' error.code and RestoreFailed events carry
        assertThat(new ArchiveException(ArchiveException.Reason.NOT_AN_ARCHIVE, "x").code()).isEqualTo("NOT_AN_ARCHIVE");
        assertThat(new ArchiveException(ArchiveException.Reason.WRONG_KEY, "x").code()).isEqualTo("WRONG_PASSPHRASE");
        assertThat(new ArchiveException(ArchiveException.Reason.TAMPERED, "x").code()).isEqualTo("ARCHIVE_TAMPERED");
        assertThat(new ArchiveException(ArchiveException.Reason.TRUNCATED, "x").code()).isEqualTo("ARCHIVE_TRUNCATED");
    }

    @Test
    void theCodesJobsCarryInTheirResultsAreListedAfterTheProblems() {
        // backups' and restores' error.code, and their warnings' code (OPERATION_IN_PROGRESS is also a problem)
        assertThat(BackupProblem.CATALOGUE.jobCodes()).extracting(JobCode::name).contains("INTERRUPTED",
                "UNFINISHED_AT_BACKUP", "STORAGE_FAILED", "DATABASE_FAILED", "BACKUP_FAILED", "QUIESCE_TIMEOUT",
                "RESTORE_FAILED", "SAFETY_BACKUP", "OPERATION_IN_PROGRESS", "RECOVERED");
        assertThat(BackupProblem.CATALOGUE.jobCodes()).allSatisfy(c ->
                assertThat(c.meaning()).as("meaning of %s", c.name()).isNotBlank());
    }
}
