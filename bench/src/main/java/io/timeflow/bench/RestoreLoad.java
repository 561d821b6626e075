package io.timeflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent restore reporters, each an agent with dSources of its own (as one agent per staging host reports for
 * its own databases), reporting contiguous log restores, start then complete, for a fixed time. Every answer is
 * checked (201 for a start, 200 for a completion): a refused report ends the run with an error.
 */
final class RestoreLoad {

    /** Reports per second and latency per report (one call, start or complete). */
    record Figures(int clients, long reports, double seconds, double perSecond, double p50Ms, double p99Ms,
            double maxMs) {
        String describe() {
            return String.format(java.util.Locale.ROOT, "%,.0f reports/s, p50 %.1f ms, p99 %.1f ms", perSecond, p50Ms,
                    p99Ms);
        }
    }

    private RestoreLoad() {
    }

    static Figures run(Staging staging, Http agent, List<Staging.DSource> dsources, int clients, Duration duration)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            long t0 = System.nanoTime();
            long end = t0 + duration.toNanos();
            for (int c = 0; c < clients; c++) {
                List<Staging.DSource> mine = new ArrayList<>();
                for (int i = c; i < dsources.size(); i += clients) {
                    mine.add(dsources.get(i));
                }
                if (mine.isEmpty()) {
                    throw new IllegalArgumentException("fewer dSources than clients");
                }
                parts.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    int k = 0;
                    while (System.nanoTime() < end) {
                        long[] two = staging.nextLog(agent, mine.get(k++ % mine.size()));
                        if (n + 2 > lat.length) {
                            lat = Arrays.copyOf(lat, lat.length * 2);
                        }
                        lat[n++] = two[0];
                        lat[n++] = two[1];
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : parts) {
                all.add(f.get());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            if (latencies.length == 0) {
                throw new IllegalStateException("no report was made");
            }
            return new Figures(clients, latencies.length, seconds, latencies.length / seconds, pct(latencies, 0.50),
                    pct(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }

    static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
}
