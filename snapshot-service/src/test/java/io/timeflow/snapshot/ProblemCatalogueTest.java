package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.ProblemCode;
import io.timeflow.snapshot.domain.SnapshotProblem;
import io.timeflow.snapshot.domain.rules.SnapSyncDecision;
import io.timeflow.snapshot.domain.rules.Warnings;
import io.timeflow.testing.CommittedFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Unit test (no service): snapshot-service's problem codes as its users read them. The committed page
 * {@code docs/problems/snapshot-service.md} is the catalogue's (run with {@code -Dproblems.update=true} to
 * rewrite it).
 */
class ProblemCatalogueTest {

    static final Path PAGE = Path.of("../docs/problems/snapshot-service.md");

    @Test
    void theCommittedPageIsTheCatalogues() throws Exception {
        CommittedFile.check(PAGE, SnapshotProblem.CATALOGUE.markdown(), "problems.update");
    }

    @Test
    void theCodesTheApiDocumentsAreListedWithTheirStatus() {
        Map<String, ProblemCode> byCode = SnapshotProblem.CATALOGUE.codes().stream()
                .collect(Collectors.toMap(ProblemCode::code, Function.identity()));

        Map<String, Integer> documented = Map.ofEntries(
                Map.entry("NOT_FOUND", 404), Map.entry("VALIDATION_FAILED", 400),
                Map.entry("PLUGIN_UPGRADE_IN_PROGRESS", 409), Map.entry("MAINTENANCE_IN_PROGRESS", 503),
                Map.entry("UNKNOWN_DSOURCE", 422), Map.entry("UNKNOWN_BACKUP_SET", 422),
                Map.entry("VALIDATED_SYNC_NOT_SUPPORTED", 422), Map.entry("SNAPSYNC_IN_PROGRESS", 409),
                Map.entry("BACKUP_NOT_LAST_RESTORED", 409), Map.entry("BACKUP_NOT_RESTORED", 409),
                Map.entry("NOT_CANCELLABLE", 409), Map.entry("LEASE_LOST", 409), Map.entry("LEASE_EXPIRED", 409),
                Map.entry("SNAPSHOT_HAS_DEPENDANTS", 409), Map.entry("UNKNOWN_TIMEFLOW", 422),
                Map.entry("POINT_IN_TIME_NOT_SUPPORTED", 422), Map.entry("UNKNOWN_SNAPSHOT", 422),
                Map.entry("UNKNOWN_TARGET_ENVIRONMENT", 422), Map.entry("FILES_OUTSIDE_MOUNT_DIRECTORY", 422),
                Map.entry("OLDER_FORK_SNAPSHOTS_EXIST", 409), Map.entry("NAME_TAKEN", 409),
                Map.entry("NO_SNAPSHOT", 409), Map.entry("SNAPSHOT_NOT_LATEST", 409),
                Map.entry("POLICY_IN_USE", 409), Map.entry("NOT_ASSIGNED", 404));
        documented.forEach((code, status) -> assertThat(byCode.get(code)).as(code).isNotNull()
                .extracting(ProblemCode::status).isEqualTo(status));
        assertThat(SnapshotProblem.UNKNOWN_DSOURCE.type()).isEqualTo("urn:timeflow:problem:unknown-dsource");
    }

    @Test
    void ownCodesAreUpperSnakeCaseWithTheTitleOfTheirStatusAndAMeaning() {
        assertThat(SnapshotProblem.CATALOGUE.codes()).startsWith(CommonProblem.values());
        for (SnapshotProblem p : SnapshotProblem.values()) {
            assertThat(p.code()).matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
            assertThat(p.title()).as(p.code()).isEqualTo(ProblemCode.titleOf(p.status()));
            assertThat(p.meaning()).as(p.code()).isNotBlank().endsWith(".");
        }
        assertThat(Stream.of(CommonProblem.values()).map(ProblemCode::code))
                .doesNotContainAnyElementsOf(Stream.of(SnapshotProblem.values()).map(ProblemCode::code).toList());
    }

    /** A job's result code and a refusal's code that name the same thing are spelled the same. */
    @Test
    void jobCodesSharedWithProblemsAreSpelledAlike() {
        assertThat(SnapshotProblem.BACKUP_NOT_LAST_RESTORED.code()).isEqualTo(SnapSyncDecision.BACKUP_NOT_LAST_RESTORED);
        assertThat(SnapshotProblem.SNAPSYNC_IN_PROGRESS.code()).isEqualTo(Warnings.SNAPSYNC_IN_PROGRESS);
    }
}
