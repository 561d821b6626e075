package io.timeflow.staging;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.testing.TestTokens;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How many restore reports per second staging-service accepts with the LSN chain checked, and their
 * latency: 100 dSources × 1,000 log restores, each reported started then completed, by concurrent
 * reporters over HTTP against the real PostgreSQL and Kafka. Prints figures; asserts nothing about time.
 *
 * LSNs have 22 digits (beyond a long), as on a long-lived SQL Server database.
 *
 * <p>{@code mvn -Pbenchmark -pl staging-service -am verify} (options: {@code -Dbenchmark.dsources},
 * {@code -Dbenchmark.restores}, {@code -Dbenchmark.reporters}).
 */
@QuarkusTest
@Tag("benchmark")
class RestoreReportBenchmark {

    @TestHTTPResource("/api/v1/dsources")
    URL dsources;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void restoreReportsPerSecondWithChainValidation() throws Exception {
        int dsourceCount = Integer.getInteger("benchmark.dsources", 100);
        int restoresEach = Integer.getInteger("benchmark.restores", 1000);
        int reporters = Integer.getInteger("benchmark.reporters", 8);

        Api.Env env = Api.environment("WINDOWS");
        List<Api.DS> all = new ArrayList<>();
        for (int i = 0; i < dsourceCount; i++) {
            Api.DS ds = Api.link("RESTORING", env, null);
            Api.restored(ds, Api.full("1000000000000000000000", "1000000000000000001000", "1000000000000000000500"));
            all.add(ds);
        }
        // warm-up: 20 restores on a dSource of its own
        Api.DS warm = Api.link("RESTORING", env, null);
        Api.restored(warm, Api.full("1000", "2000", "1500"));
        new Reporter(List.of(warm), 20, new java.math.BigInteger("2000")).run();

        ExecutorService pool = Executors.newFixedThreadPool(reporters);
        List<Future<long[]>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int r = 0; r < reporters; r++) {
            List<Api.DS> mine = new ArrayList<>();
            for (int i = r; i < all.size(); i += reporters) {
                mine.add(all.get(i));
            }
            results.add(pool.submit(new Reporter(mine, restoresEach, new java.math.BigInteger("1000000000000000001000"))));
        }
        long[] latencies = new long[0];
        for (Future<long[]> f : results) {
            long[] part = f.get();
            long[] merged = Arrays.copyOf(latencies, latencies.length + part.length);
            System.arraycopy(part, 0, merged, latencies.length, part.length);
            latencies = merged;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        long reports = latencies.length;
        System.out.printf("%n[benchmark] RestoreReportBenchmark: %d dSources x %d log restores, %d reporters%n",
                dsourceCount, restoresEach, reporters);
        System.out.printf("[benchmark] %d reports (start + complete) in %.1f s: %.0f reports/s, %.0f restores/s%n",
                reports, seconds, reports / seconds, reports / 2 / seconds);
        System.out.printf("[benchmark] latency per report: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(latencies, 0.50), pct(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    /** Reports restores into its dSources round-robin, each a log backup continuing the chain; returns latencies. */
    final class Reporter implements java.util.concurrent.Callable<long[]> {
        private final List<Api.DS> mine;
        private final int restoresEach;
        private final java.math.BigInteger startLsn;

        Reporter(List<Api.DS> mine, int restoresEach, java.math.BigInteger startLsn) {
            this.mine = mine;
            this.restoresEach = restoresEach;
            this.startLsn = startLsn;
        }

        @Override
        public long[] call() throws Exception {
            long[] lat = new long[mine.size() * restoresEach * 2];
            int n = 0;
            String token = TestTokens.forRoles("agent");
            for (int i = 0; i < restoresEach; i++) {
                if (i % 200 == 0) {
                    token = TestTokens.forRoles("agent");
                }
                java.math.BigInteger first = startLsn.add(java.math.BigInteger.valueOf(1000L * i));
                String firstLsn = first.toString();
                String lastLsn = first.add(java.math.BigInteger.valueOf(1000)).toString();
                for (Api.DS ds : mine) {
                    String id = UUID.randomUUID().toString();
                    String start = Api.start(Api.backupSet("LOG", firstLsn, lastLsn, null, null), false, true).replace("{\"backupSet\"", "{\"restoreId\": \"" + id + "\", \"backupSet\"");
                    lat[n++] = post(dsources + "/" + ds.id() + "/restores", start, token, 201);
                    lat[n++] = post(dsources + "/" + ds.id() + "/restores/" + id + "/complete", Api.completion(ds), token, 200);
                }
            }
            return Arrays.copyOf(lat, n);
        }

        public void run() throws Exception {
            call();
        }

        private long post(String url, String body, String token, int expected) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t;
            if (response.statusCode() != expected) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return elapsed;
        }
    }
}
