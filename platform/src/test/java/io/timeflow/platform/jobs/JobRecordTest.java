package io.timeflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rule of long operations (SnapSync, plugin upgrade, backup, restore): one state machine,
 * {@code PENDING -> RUNNING -> SUCCEEDED | FAILED | SKIPPED | CANCELLED}, here on a job's row (unit test: a job of a
 * kind of its own, no database).
 */
class JobRecordTest {

    /** A job of a test kind: its transitions are JobRecord's. */
    static final class AJob extends JobRecord {
        AJob(Instant acceptedAt) {
            super(UUID.randomUUID(), "operator", acceptedAt);
        }

        @Override
        public String kind() {
            return "test-job";
        }

        void start(Instant at) {
            begin(at);
        }

        void finish(JobState end, Instant at) {
            end(end, at);
        }

        void finishCountingItsStart(JobState end, Instant at) {
            startedNoLaterThan(at);
            end(end, at);
        }
    }

    private final Instant t0 = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void aJobIsPendingThenRunningThenEnded() {
        AJob job = new AJob(t0);
        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.createdAt()).isEqualTo(t0);
        assertThat(job.requestedBy()).isEqualTo("operator");

        job.start(t0.plusSeconds(1));
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.startedAt()).isEqualTo(t0.plusSeconds(1));

        job.finish(JobState.SUCCEEDED, t0.plusSeconds(5));
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.finishedAt()).isEqualTo(t0.plusSeconds(5));
    }

    @Test
    void aJobStartsOnlyFromPending() {
        AJob job = new AJob(t0);
        job.start(t0);

        assertThatThrownBy(() -> job.start(t0.plusSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is RUNNING, not PENDING");
        assertThat(job.startedAt()).isEqualTo(t0);
    }

    @Test
    void anEndedJobDoesNotEndAgain() {
        AJob job = new AJob(t0);
        job.start(t0);
        job.finish(JobState.FAILED, t0.plusSeconds(2));

        assertThatThrownBy(() -> job.finish(JobState.SUCCEEDED, t0.plusSeconds(3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended FAILED");
        assertThatThrownBy(() -> job.start(t0.plusSeconds(3))).isInstanceOf(IllegalStateException.class);
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.finishedAt()).isEqualTo(t0.plusSeconds(2));
    }

    @Test
    void onlyAnEndEndsAJob() {
        AJob job = new AJob(t0);

        assertThatThrownBy(() -> job.finish(JobState.RUNNING, t0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(job.state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aJobEndedBeforeAnyWorkHasNoStartUnlessItsKindCountsOne() {
        AJob skipped = new AJob(t0);
        skipped.finish(JobState.SKIPPED, t0.plusSeconds(1));
        assertThat(skipped.startedAt()).isNull();

        AJob cancelled = new AJob(t0);
        cancelled.finishCountingItsStart(JobState.CANCELLED, t0.plusSeconds(1));
        assertThat(cancelled.startedAt()).isEqualTo(t0.plusSeconds(1));
    }
}
