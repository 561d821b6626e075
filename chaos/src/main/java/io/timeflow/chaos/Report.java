package io.timeflow.chaos;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run prints: the counts, each invariant's verdict, the figures, and for each violation the
 * smallest slice of the history that shows it; the last line is the result.
 */
final class Report {

    /** Violations printed per invariant (all are counted). */
    static final int SHOWN = 5;
    /** Lines of history per violation. */
    static final int SLICE = 40;

    /** The counts of the result line. */
    record Counts(long operations, long ok, long refused, long unknown, int kills, int skippedKills, int brokerStops,
            int postgresStops) {

        static Counts of(History history, int kills, int skippedKills, int brokerStops, int postgresStops) {
            long ops = 0;
            long ok = 0;
            long refused = 0;
            long unknown = 0;
            for (Op op : history.ops()) {
                switch (op.outcome()) {
                    case OK -> ok++;
                    case REFUSED -> refused++;
                    case UNKNOWN -> unknown++;
                    case FAULT -> {
                        continue;
                    }
                }
                ops++;
            }
            return new Counts(ops, ok, refused, unknown, kills, skippedKills, brokerStops, postgresStops);
        }
    }

    private Report() {
    }

    static String text(ChaosOptions options, History history, Counts counts, List<Invariant.Verdict> verdicts,
            Figures figures, List<String> unsettled) {
        StringBuilder out = new StringBuilder();
        long violations = verdicts.stream().mapToLong(v -> v.violations().size()).sum();
        out.append(String.format("[chaos] faults: %d kills (SIGKILL; %d planned ones skipped: two replicas were starting "
                        + "or the service had no other replica up), %d broker stops, %d PostgreSQL stops%n",
                counts.kills(), counts.skippedKills(), counts.brokerStops(), counts.postgresStops()));
        out.append(String.format("[chaos] operations: %d (%d ok, %d refused, %d unknown)%s%n", counts.operations(),
                counts.ok(), counts.refused(), counts.unknown(), byKind(history)));
        out.append(String.format("[chaos] figures: %d restores completed, %.1f reports/s; %d events, %d applications, "
                        + "event lag p50 %s, p99 %s, max %s%n", figures.completedRestores(), figures.reportsPerSecond(),
                figures.events(), figures.applied(), Figures.seconds(figures.lagP50()), Figures.seconds(figures.lagP99()),
                Figures.seconds(figures.lagMax())));
        if (!unsettled.isEmpty()) {
            out.append("[chaos] the suite did not become quiet; still under way: ").append(unsettled).append('\n');
        }
        for (Invariant.Verdict v : verdicts) {
            out.append(String.format("[chaos]   %-38s %s (%d checked)%n", v.invariant(),
                    v.holds() ? "holds" : "VIOLATED " + v.violations().size() + " times", v.checked()));
        }
        for (Invariant.Verdict v : verdicts) {
            if (v.holds()) {
                continue;
            }
            out.append("\n== ").append(v.invariant()).append(": ").append(v.violations().size()).append(" violations\n");
            for (Invariant.Violation violation : v.violations().subList(0, Math.min(SHOWN, v.violations().size()))) {
                out.append("-- ").append(violation.what()).append('\n');
                for (Op op : slice(history, violation)) {
                    out.append("   ").append(op.line()).append('\n');
                }
            }
            if (v.violations().size() > SHOWN) {
                out.append("-- and ").append(v.violations().size() - SHOWN).append(" more\n");
            }
        }
        out.append(String.format("%nRESULT: %s; %d operations, %d kills, %d refused, %d unknown "
                        + "(seed %d, %d replicas, %.1f minutes%s)%n",
                violations == 0 ? "0 violations" : violations + " VIOLATIONS", counts.operations(), counts.kills(),
                counts.refused(), counts.unknown(), options.seed(), options.replicas(),
                options.duration().toMillis() / 60_000.0, options.faults() ? "" : ", no faults"));
        return out.toString();
    }

    /**
     * The history that shows a violation: the operations on its objects and the faults between them;
     * for a time (a scheduled fire), the faults and backup operations around it.
     */
    static List<Op> slice(History history, Invariant.Violation v) {
        List<String> ids = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (String key : v.keys()) {
            try {
                times.add(history.millis(Instant.parse(key)));
            } catch (DateTimeParseException e) {
                ids.add(key);
            }
        }
        List<Op> slice = new ArrayList<>(history.slice(ids, SLICE));
        for (long t : times) {
            slice.addAll(history.where(o -> (o.outcome() == Op.Outcome.FAULT || o.f().startsWith("backup."))
                    && o.end() >= t - 20_000 && o.start() <= t + 20_000));
        }
        return slice.stream().distinct().sorted(java.util.Comparator.comparingLong(Op::index)).toList();
    }

    private static String byKind(History history) {
        Map<String, long[]> kinds = new TreeMap<>();
        for (Op op : history.ops()) {
            if (op.outcome() == Op.Outcome.FAULT) {
                continue;
            }
            long[] n = kinds.computeIfAbsent(op.f(), k -> new long[3]);
            n[op.ok() ? 0 : op.refused() ? 1 : 2]++;
        }
        StringBuilder sb = new StringBuilder();
        kinds.forEach((k, n) -> sb.append(String.format("%n[chaos]   %-22s %6d ok %5d refused %5d unknown", k, n[0], n[1],
                n[2])));
        return sb.toString();
    }
}
