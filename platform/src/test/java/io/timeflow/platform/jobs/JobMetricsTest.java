package io.timeflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.transaction.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a job's metrics say, and when (unit test: an in-memory meter registry and a stand-in transaction). */
class JobMetricsTest {

    /** A job of any kind, as the metrics read it. */
    record AJob(UUID id, String kind, JobState state, String requestedBy, Instant createdAt, Instant startedAt,
            Instant finishedAt) implements Job {

        static AJob ended(String kind, JobState state, Instant startedAt, Instant finishedAt) {
            return new AJob(UUID.randomUUID(), kind, state, "operator", startedAt, startedAt, finishedAt);
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Instant t0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aJobsEndIsCountedByKindAndStateWithItsDurationOnceItsTransactionCommits() {
        StandInTransaction tx = new StandInTransaction();
        JobMetrics metrics = new JobMetrics(registry, tx);

        metrics.ended(AJob.ended("backup", JobState.SUCCEEDED, t0, t0.plusSeconds(12)));
        assertThat(registry.find("timeflow.jobs.ended").counter()).as("nothing before the commit").isNull();
        tx.end(Status.STATUS_COMMITTED);

        assertThat(registry.get("timeflow.jobs.ended").tags("kind", "backup", "state", "succeeded").counter().count())
                .isEqualTo(1.0);
        var duration = registry.get("timeflow.jobs.duration").tags("kind", "backup", "state", "succeeded").timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.SECONDS)).isEqualTo(12.0);
    }

    @Test
    void aRolledBackTransactionRecordsNothing() {
        StandInTransaction tx = new StandInTransaction();
        JobMetrics metrics = new JobMetrics(registry, tx);

        metrics.accepted(new AJob(UUID.randomUUID(), "snapsync", JobState.PENDING, "operator", t0, null, null));
        metrics.ended(AJob.ended("snapsync", JobState.FAILED, t0, t0.plusSeconds(1)));
        metrics.recovered("snapsync");
        tx.end(Status.STATUS_ROLLEDBACK);

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void outsideATransactionFactsAreRecordedAtOnce() {
        JobMetrics metrics = new JobMetrics(registry, StandInTransaction.none());

        UUID id = UUID.randomUUID();
        metrics.accepted(new AJob(id, "restore", JobState.PENDING, "operator", t0, null, null));
        metrics.started(new AJob(id, "restore", JobState.RUNNING, "operator", t0, t0.plusMillis(250), null));
        metrics.recovered("restore");
        metrics.ended(new AJob(id, "restore", JobState.FAILED, "operator", t0, null, t0.plusSeconds(3)));

        assertThat(registry.get("timeflow.jobs.accepted").tag("kind", "restore").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("timeflow.jobs.queued").tag("kind", "restore").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(250.0);
        assertThat(registry.get("timeflow.jobs.recovered").tag("kind", "restore").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("timeflow.jobs.duration").tags("state", "failed").timer().totalTime(TimeUnit.SECONDS))
                .as("a job that ended before any work took no time").isZero();
    }

    @Test
    void aClockThatWentBackwardsGivesNoNegativeDuration() {
        JobMetrics metrics = new JobMetrics(registry, StandInTransaction.none());

        metrics.ended(AJob.ended("plugin-upgrade", JobState.SUCCEEDED, t0, t0.minus(Duration.ofSeconds(5))));

        assertThat(registry.get("timeflow.jobs.duration").timer().totalTime(TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aJobThatHasNotEndedCannotBeCountedAsEnded() {
        JobMetrics metrics = new JobMetrics(registry, StandInTransaction.none());

        assertThatThrownBy(() -> metrics.ended(AJob.ended("snapsync", JobState.RUNNING, t0, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is RUNNING, not ended");
        assertThat(registry.getMeters()).isEmpty();
    }
}
