package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checker of "every accepted restore report is applied once", fed histories that break it and that keep it. */
class RestoreChainsMatchAcceptedReportsTest {

    private final UUID ds = UUID.randomUUID();
    private final UUID r1 = UUID.randomUUID();
    private final UUID r2 = UUID.randomUUID();
    private final UUID r3 = UUID.randomUUID();
    private final Histories h = new Histories();
    private final List<FinalState.RestoreRow> rows = new ArrayList<>();

    private Map<String, String> keys(UUID restore) {
        return World.keys("dsource", ds.toString(), "restore", restore.toString());
    }

    private void reported(UUID restore, boolean completedOk) {
        h.ok("agent-0", "restore.start", keys(restore));
        if (completedOk) {
            h.ok("agent-0", "restore.complete", keys(restore));
        }
    }

    private void row(UUID restore, long number, String status, String type, long first, long last) {
        rows.add(new FinalState.RestoreRow(restore, number, status, type, String.valueOf(first), String.valueOf(last)));
    }

    private Invariant.Verdict check(String position, String viewLast) {
        FinalState state = Histories.state(List.of(new FinalState.DSourceState(ds, "ds", position, rows, viewLast)));
        return new RestoreChainsMatchAcceptedReports().check(h.history(), state);
    }

    @Test
    void aChainEqualToTheAcceptedReportsHolds() {
        reported(r1, true);
        reported(r2, true);
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);
        row(r2, 2, "COMPLETED", "LOG", 1100, 1300);

        Invariant.Verdict v = check("1300", r2.toString());

        assertThat(v.violations()).isEmpty();
        assertThat(v.checked()).isEqualTo(2);
    }

    @Test
    void anAcceptedCompletionMissingFromTheChainIsALostReport() {
        reported(r1, true);
        reported(r2, true);
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);
        row(r2, 2, "IN_PROGRESS", "LOG", 1100, 1300);

        Invariant.Verdict v = check("1100", r1.toString());

        assertThat(v.violations()).singleElement().satisfies(x -> {
            assertThat(x.what()).contains(r2.toString()).contains("lost");
            assertThat(x.keys()).contains(r2.toString(), ds.toString());
        });
    }

    @Test
    void aCompletedRestoreWhoseCompletionWasNeverAcceptedIsAViolation() {
        reported(r1, true);
        h.ok("agent-0", "restore.start", keys(r2));
        h.refused("agent-0", "restore.complete", keys(r2), 422, "FILES_OUTSIDE_MOUNT_DIRECTORY", "");
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);
        row(r2, 2, "COMPLETED", "LOG", 1100, 1300);

        Invariant.Verdict v = check("1300", r2.toString());

        assertThat(v.violations()).singleElement().satisfies(x -> assertThat(x.what()).contains("never accepted"));
    }

    @Test
    void anUnknownCompletionMayBePresentOnceOrAbsent() {
        reported(r1, true);
        h.ok("agent-0", "restore.start", keys(r2));
        h.unknown("agent-0", "restore.complete", keys(r2));
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);
        row(r2, 2, "COMPLETED", "LOG", 1100, 1300);
        assertThat(check("1300", r2.toString()).violations()).isEmpty();

        rows.set(1, new FinalState.RestoreRow(r2, 2, "IN_PROGRESS", "LOG", "1100", "1300"));
        assertThat(check("1100", r1.toString()).violations()).isEmpty();
    }

    @Test
    void aRefusalNamingTheRestoreCompletedCountsAsAcceptance() {
        reported(r1, true);
        h.ok("agent-0", "restore.start", keys(r2));
        h.unknown("agent-0", "restore.complete", keys(r2));
        h.refused("agent-0", "restore.complete", keys(r2), 409, "RESTORE_NOT_IN_PROGRESS",
                "status=COMPLETED; restore is already COMPLETED");
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);
        row(r2, 2, "IN_PROGRESS", "LOG", 1100, 1300);

        assertThat(check("1100", r1.toString()).violations()).singleElement()
                .satisfies(x -> assertThat(x.what()).contains(r2.toString()).contains("lost"));
    }

    @Test
    void theSameBackupSetTwiceInTheChainIsAppliedTwice() {
        reported(r1, true);
        h.ok("agent-0", "restore.start", keys(r2));
        h.unknown("agent-0", "restore.complete", keys(r2));
        h.ok("agent-0", "restore.start", keys(r3));
        h.ok("agent-0", "restore.complete", keys(r3));
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);
        row(r2, 2, "COMPLETED", "LOG", 1100, 1300);
        row(r3, 3, "COMPLETED", "LOG", 1100, 1300);

        assertThat(check("1300", r3.toString()).violations()).singleElement()
                .satisfies(x -> assertThat(x.what()).contains("twice"));
    }

    @Test
    void aRestoreReportedFailedMustNotBeInTheChain() {
        reported(r1, true);
        h.ok("agent-0", "restore.start", keys(r2));
        h.ok("agent-0", "restore.fail", keys(r2));
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);
        row(r2, 2, "COMPLETED", "LOG", 1100, 1300);

        assertThat(check("1300", r2.toString()).violations()).extracting(Invariant.Violation::what)
                .anySatisfy(w -> assertThat(w).contains("reported failed"));
    }

    @Test
    void aChainInAnotherOrderThanReportedIsAViolation() {
        reported(r1, true);
        reported(r2, true);
        row(r2, 1, "COMPLETED", "FULL", 1000, 1100);
        row(r1, 2, "COMPLETED", "LOG", 1100, 1300);

        assertThat(check("1300", r1.toString()).violations()).extracting(Invariant.Violation::what)
                .anySatisfy(w -> assertThat(w).contains("not in the order"));
    }

    @Test
    void snapshotServicesViewEndingElsewhereIsALostEvent() {
        reported(r1, true);
        reported(r2, true);
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);
        row(r2, 2, "COMPLETED", "LOG", 1100, 1300);

        assertThat(check("1300", r1.toString()).violations()).singleElement()
                .satisfies(x -> assertThat(x.what()).contains("snapshot-service's view"));
    }

    @Test
    void aPositionOtherThanTheLastRestoresIsAViolation() {
        reported(r1, true);
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);

        assertThat(check("999", r1.toString()).violations()).singleElement()
                .satisfies(x -> assertThat(x.what()).contains("stands at LSN 999"));
    }

    @Test
    void aCompletedRestoreNobodyReportedIsAViolation() {
        row(r1, 1, "COMPLETED", "FULL", 1000, 1100);

        assertThat(check("1100", r1.toString()).violations()).singleElement()
                .satisfies(x -> assertThat(x.what()).contains("never reported"));
    }
}
