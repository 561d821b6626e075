package io.timeflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * Sequential SnapSyncs on an otherwise idle suite: each after a new log restore that snapshot-service has learned
 * (its readiness names the backup), from the request to the client seeing SUCCEEDED.
 */
final class SnapSyncRun {

    record Figures(int jobs, double p50Ms, double p99Ms, double maxMs) {
        String describe() {
            return String.format(java.util.Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms", p50Ms, p99Ms, maxMs);
        }
    }

    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED");

    private SnapSyncRun() {
    }

    /**
     * Reports one log restore and returns the seconds until snapshot-service's view has it: after a load, the time
     * its consumer needs to work through the events the load left on the topic.
     */
    static double catchUp(Staging staging, String snapshotApi, Http agent, Http operator, Staging.DSource d,
            Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        staging.nextLog(agent, d);
        awaitLearned(snapshotApi, operator, d, timeout);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void awaitLearned(String snapshotApi, Http operator, Staging.DSource d, Duration timeout)
            throws Exception {
        String last = d.position.toString();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!last.equals(operator.get(snapshotApi + "/api/v1/snapsync/readiness/" + d.id)
                .path("lastRestoredBackup").path("lastLsn").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("snapshot-service did not learn the restore ending at LSN " + last
                        + " within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    static Figures run(Staging staging, String snapshotApi, Http agent, Http operator, Staging.DSource d, int jobs)
            throws Exception {
        long[] nanos = new long[jobs];
        for (int i = 0; i < jobs; i++) {
            staging.nextLog(agent, d);
            awaitLearned(snapshotApi, operator, d, Duration.ofSeconds(60));
            long t0 = System.nanoTime();
            String job = operator.post(snapshotApi + "/api/v1/snapsync", "{\"dsourceId\": \"" + d.id + "\"}", 202)
                    .path("id").asText();
            JsonNode state;
            while (true) {
                state = operator.get(snapshotApi + "/api/v1/snapsync/" + job);
                if (ENDED.contains(state.path("state").asText())) {
                    break;
                }
                if (System.nanoTime() - t0 > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException("SnapSync " + job + " did not end within 60 s");
                }
                Thread.sleep(2);
            }
            nanos[i] = System.nanoTime() - t0;
            if (!"SUCCEEDED".equals(state.path("state").asText())) {
                throw new IllegalStateException("SnapSync " + job + " ended " + state);
            }
        }
        Arrays.sort(nanos);
        return new Figures(jobs, RestoreLoad.pct(nanos, 0.50), RestoreLoad.pct(nanos, 0.99), nanos[jobs - 1] / 1e6);
    }
}
