package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.platform.jobs.JobCode;
import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.ProblemCode;
import io.timeflow.snapshot.domain.SnapshotProblem;
import io.timeflow.snapshot.domain.rules.SnapSyncCode;
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
        assertThat(SnapshotProblem.BACKUP_NOT_LAST_RESTORED.code())
                .isEqualTo(SnapSyncCode.BACKUP_NOT_LAST_RESTORED.name());
        assertThat(SnapshotProblem.SNAPSYNC_IN_PROGRESS.code()).isEqualTo(SnapSyncCode.SNAPSYNC_IN_PROGRESS.name());
        assertThat(SnapshotProblem.UNKNOWN_DSOURCE.code()).isEqualTo(SnapSyncCode.UNKNOWN_DSOURCE.name());
    }

    /** The codes SnapSync jobs' results carry (error, skip, warning) are on the page, each with a meaning. */
    @Test
    void theCodesOfJobsResultsAreListed() {
        assertThat(SnapshotProblem.CATALOGUE.jobCodes()).extracting(JobCode::name).contains(
                "NO_BACKUP_FOUND", "SNAPSHOT_EXISTS_FOR_BACKUP", "SNAPSYNC_IN_PROGRESS", "BACKUP_NOT_LAST_RESTORED",
                "UNKNOWN_DSOURCE", "PRE_SYNC_HOOK_FAILED", "NO_AGENT", "HOOK_LEASE_EXPIRED", "RESTORE_NOT_SEEN",
                "INTERNAL_ERROR", "CANCELLED", "POST_SYNC_HOOK_FAILED", "SOURCE_READ_ONLY_BACKUP",
                "DSOURCE_ENABLED_AND_LINKED", "STAGING_DATABASE_PRESENT", "DATA_MOUNTED", "FILES_UNDER_MOUNT",
                "STATE_MATCHES_MODE", "NO_RESTORE_IN_PROGRESS", "PLUGIN_NOT_UPGRADING");
        for (JobCode c : SnapshotProblem.CATALOGUE.jobCodes()) {
            assertThat(c.name()).matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
            assertThat(c.meaning()).as(c.name()).isNotBlank().endsWith(".");
        }
    }
}
