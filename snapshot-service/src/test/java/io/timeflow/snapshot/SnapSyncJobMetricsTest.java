package io.timeflow.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.snapshot.domain.HeldSnapSyncWorker;
import io.timeflow.snapshot.domain.ScheduledSnapSync;
import io.timeflow.snapshot.domain.SnapSyncClaims;
import io.timeflow.snapshot.domain.SnapSyncJob;
import io.timeflow.testing.MetricsScrape;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of SnapSync jobs in the Prometheus scrape of the management interface: the suite's job
 * metrics of kind {@code snapsync} (accepted, queued, ended and its duration by end state, recovered) move with each
 * job. Other tests run jobs in the same JVM, so each test compares the scrape before and after, never totals.
 */
@QuarkusTest
class SnapSyncJobMetricsTest {

    /** The Prometheus scrape, /q/metrics on the management interface (its root path, /q, comes with management). */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    HeldSnapSyncWorker worker;

    @Inject
    JobLeases leases;

    @Inject
    SnapSyncClaims claims;

    @Inject
    ScheduledSnapSync scheduled;

    @Test
    void eachSnapSyncIsCountedAcceptedQueuedAndEndedUnderItsEndState() {
        MetricsScrape before = scrape();
        // linking takes the first snapshot (a SnapSync job of its own, which succeeds)
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());

        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("SKIPPED");
        story.mounted(false);
        assertThat(Api.snapsyncToEnd(story.dsourceId).getString("state")).isEqualTo("FAILED");

        MetricsScrape after = awaitScrape(s -> s.since(before, "timeflow_jobs_accepted_total") >= 4
                && s.since(before, "timeflow_jobs_ended_total") >= 4);
        assertThat(after.since(before, "timeflow_jobs_accepted_total")).as("the first snapshot and 3 requests")
                .isEqualTo(4);
        assertThat(after.since(before, "timeflow_jobs_queued_seconds_count")).as("each of them started once")
                .isEqualTo(4);
        assertThat(after.since(before, "timeflow_jobs_ended_total", "state", "succeeded")).isEqualTo(2);
        assertThat(after.since(before, "timeflow_jobs_ended_total", "state", "skipped")).isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_ended_total", "state", "failed")).isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_ended_total", "state", "cancelled")).isZero();
        assertThat(after.since(before, "timeflow_jobs_duration_seconds_count", "state", "succeeded")).isEqualTo(2);
        assertThat(after.since(before, "timeflow_jobs_recovered_total")).isZero();
    }

    @Test
    void aPendingSnapSyncCancelledAndAScheduledRunSkippedForOverlapEndUnderTheirStatesWithoutStarting()
            throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        String policyId = SyncPolicyApiTest.create(SyncPolicyApiTest.NEVER, null);
        Api.as("admin").put("/api/v1/sync-policies/" + policyId + "/dsources/" + story.dsourceId).then().statusCode(200);
        MetricsScrape before = awaitSettledScrape();
        worker.pause();
        try {
            String pending = Api.snapsync(story.dsourceId);
            List<UUID> runs = scheduled.fire(UUID.fromString(policyId), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    "test-replica");
            assertThat(runs).hasSize(1);
            Api.as("viewer").get("/api/v1/snapsync/" + runs.get(0)).then().statusCode(200)
                    .body("state", equalTo("SKIPPED")).body("code", equalTo("SNAPSYNC_IN_PROGRESS"));
            Api.as("operator").post("/api/v1/snapsync/" + pending + "/cancel").then().statusCode(200)
                    .body("state", equalTo("CANCELLED"));
        } finally {
            worker.resume();
            Api.as("admin").delete("/api/v1/sync-policies/" + policyId + "/dsources/" + story.dsourceId);
            Api.as("admin").delete("/api/v1/sync-policies/" + policyId).then().statusCode(204);
        }

        MetricsScrape after = awaitScrape(s -> s.since(before, "timeflow_jobs_ended_total") >= 2);
        assertThat(after.since(before, "timeflow_jobs_accepted_total")).as("the request and the scheduled run")
                .isEqualTo(2);
        assertThat(after.since(before, "timeflow_jobs_ended_total", "state", "cancelled")).isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_ended_total", "state", "skipped")).isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_ended_total")).isEqualTo(2);
        assertThat(after.since(before, "timeflow_jobs_duration_seconds_count", "state", "cancelled")).isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_queued_seconds_count")).as("neither started").isZero();
    }

    @Test
    void aRunningSnapSyncLeftByAReplicaThatStoppedIsCountedRecoveredWhenTakenOver() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        MetricsScrape before = awaitSettledScrape();
        String jobId;
        worker.pause();
        try {
            jobId = Api.snapsync(story.dsourceId);
            // a replica claimed it and holds its lease (ADR 0158)
            try (JobLeases.Lease lease = leases.take(SnapSyncClaims.LEASES, UUID.fromString(jobId))) {
                try (Connection c = StagingStory.connect(); PreparedStatement ps = c.prepareStatement(
                        "update snapsync_job set state = 'RUNNING', started_at = now() where id = ?")) {
                    ps.setObject(1, UUID.fromString(jobId));
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                // while that replica lives, no other one takes the job, however long it runs
                Optional<SnapSyncClaims.Claimed> other = claims.claimNext();
                other.ifPresent(c -> c.lease().close());
                assertThat(other.map(SnapSyncClaims.Claimed::jobId)).isNotEqualTo(Optional.of(UUID.fromString(jobId)));
            }
            // it stopped before the job ended: its lease is free, and the job is taken over at once
        } finally {
            worker.resume();
        }
        assertThat(Api.awaitJob(jobId).getString("state")).isEqualTo("SUCCEEDED");

        MetricsScrape after = awaitScrape(s -> s.since(before, "timeflow_jobs_ended_total") >= 1);
        assertThat(after.since(before, "timeflow_jobs_recovered_total")).isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_accepted_total")).isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_queued_seconds_count")).as("its start was the stopped replica's")
                .isZero();
        assertThat(after.since(before, "timeflow_jobs_ended_total", "state", "succeeded")).isEqualTo(1);
    }

    // ---- reading the scrape

    private MetricsScrape scrape() {
        return MetricsScrape.of(metrics).only("kind", SnapSyncJob.KIND);
    }

    /** The scrape once the given condition holds (a fact is recorded just after its transaction commits). */
    private MetricsScrape awaitScrape(java.util.function.Predicate<MetricsScrape> condition) {
        MetricsScrape[] last = new MetricsScrape[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = scrape();
            return condition.test(last[0]);
        });
        return last[0];
    }

    /** The scrape once the jobs of setting the story up (the first snapshot at link) are all counted. */
    private MetricsScrape awaitSettledScrape() {
        MetricsScrape[] last = {scrape()};
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    MetricsScrape now = scrape();
                    boolean settled = now.since(last[0], "timeflow_jobs_accepted_total") == 0
                            && now.since(last[0], "timeflow_jobs_ended_total") == 0;
                    last[0] = now;
                    return settled;
                });
        return last[0];
    }
}
