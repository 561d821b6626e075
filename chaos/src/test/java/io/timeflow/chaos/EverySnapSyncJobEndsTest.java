package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checker of "each SnapSync job ended". */
class EverySnapSyncJobEndsTest {

    private final UUID ds = UUID.randomUUID();
    private final Histories h = new Histories();
    private final List<FinalState.JobRow> jobs = new ArrayList<>();

    private Invariant.Verdict check() {
        FinalState state = new FinalState(List.of(), List.of(), jobs, List.of(), List.of(), null, List.of(), List.of(),
                List.of(), List.of());
        return new EverySnapSyncJobEnds().check(h.history(), state);
    }

    private UUID job(String state, UUID policy, Instant at) {
        UUID id = UUID.randomUUID();
        jobs.add(new FinalState.JobRow(id, ds, state, policy == null ? "REQUEST" : "POLICY", policy, at, null));
        return id;
    }

    @Test
    void jobsThatAllEndedHold() {
        UUID a = job("SUCCEEDED", null, null);
        job("SKIPPED", UUID.randomUUID(), Instant.parse("2026-12-05T10:00:05Z"));
        job("FAILED", null, null);
        h.ok("snapsync", "snapsync.request", World.keys("dsource", ds.toString(), "job", a.toString()));

        Invariant.Verdict v = check();

        assertThat(v.violations()).isEmpty();
        assertThat(v.checked()).isEqualTo(3);
    }

    @Test
    void aJobStillRunningOnceTheSuiteIsQuietIsAViolation() {
        UUID stuck = job("RUNNING", null, null);

        assertThat(check().violations()).singleElement().satisfies(v -> {
            assertThat(v.what()).contains("still RUNNING");
            assertThat(v.keys()).contains(stuck.toString());
        });
    }

    @Test
    void anAcceptedRequestWhoseJobIsNotListedIsALostJob() {
        String lost = UUID.randomUUID().toString();
        h.ok("snapsync", "snapsync.request", World.keys("dsource", ds.toString(), "job", lost));

        assertThat(check().violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains(lost).contains("lost"));
    }

    @Test
    void twoJobsForOneScheduledRunOfAPolicyAreAViolation() {
        UUID policy = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-05T10:00:05Z");
        job("SUCCEEDED", policy, at);
        job("SKIPPED", policy, at);

        assertThat(check().violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains("made two jobs"));
    }
}
