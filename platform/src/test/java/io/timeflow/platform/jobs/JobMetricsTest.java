package io.timeflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.transaction.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a job's metrics say, and when (unit test: an in-memory meter registry and a stand-in transaction). */
class JobMetricsTest {

    enum State { SUCCEEDED, FAILED }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Instant t0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aJobsEndIsCountedByKindAndStateWithItsDurationOnceItsTransactionCommits() {
        StandInTransaction tx = new StandInTransaction();
        JobMetrics metrics = new JobMetrics(registry, tx);

        metrics.ended("backup", State.SUCCEEDED, t0, t0.plusSeconds(12));
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

        metrics.accepted("snapsync");
        metrics.ended("snapsync", State.FAILED, t0, t0.plusSeconds(1));
        metrics.recovered("snapsync");
        tx.end(Status.STATUS_ROLLEDBACK);

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void outsideATransactionFactsAreRecordedAtOnce() {
        JobMetrics metrics = new JobMetrics(registry, StandInTransaction.none());

        metrics.accepted("restore");
        metrics.started("restore", t0, t0.plusMillis(250));
        metrics.recovered("restore");
        metrics.ended("restore", State.FAILED, null, t0.plusSeconds(3));

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

        metrics.ended("plugin-upgrade", State.SUCCEEDED, t0, t0.minus(Duration.ofSeconds(5)));

        assertThat(registry.get("timeflow.jobs.duration").timer().totalTime(TimeUnit.SECONDS)).isZero();
    }
}
