package io.timeflow.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's throughput figures: restore reports completed per second of workload, and how long
 * events took from the change that announced them to the consumer that applied them (the event's
 * {@code ce_time}, when the change wrote its outbox row, to the inbox row of its application).
 *
 * @param completedRestores restores COMPLETED at the end
 * @param reportsPerSecond  {@code completedRestores} per second of the workload
 * @param events            distinct events on the topics
 * @param applied           inbox rows (event applications) measured
 * @param lagP50            median event lag
 * @param lagP99            99th percentile
 * @param lagMax            the longest
 */
public record Figures(long completedRestores, double reportsPerSecond, long events, long applied, Duration lagP50,
        Duration lagP99, Duration lagMax) {

    static Figures of(FinalState state, Duration workload) {
        long completed = state.dsources().stream().flatMap(d -> d.restores().stream())
                .filter(r -> "COMPLETED".equals(r.status())).count();
        Map<String, FinalState.EventRecord> byId = new HashMap<>();
        state.events().forEach(e -> byId.putIfAbsent(e.id(), e));
        List<Long> lags = new ArrayList<>();
        for (FinalState.InboxRow r : state.inbox()) {
            FinalState.EventRecord e = byId.get(r.eventId());
            if (e != null && e.time() != null) {
                lags.add(Math.max(0, r.processedAt().toEpochMilli() - e.time().toEpochMilli()));
            }
        }
        Collections.sort(lags);
        double seconds = Math.max(1, workload.toMillis() / 1000.0);
        return new Figures(completed, completed / seconds, byId.size(), lags.size(), percentile(lags, 0.50),
                percentile(lags, 0.99), lags.isEmpty() ? Duration.ZERO : Duration.ofMillis(lags.get(lags.size() - 1)));
    }

    static Duration percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return Duration.ofMillis(sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))));
    }

    static String seconds(Duration d) {
        return String.format("%.2f s", d.toMillis() / 1000.0);
    }
}
