package io.timeflow.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Histories and final states written by hand, for the tests of the checker. */
final class Histories {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final History history = new History(0, T0);
    private long clock;

    History history() {
        return history;
    }

    Histories ok(String process, String f, Map<String, String> keys) {
        return add(process, f, keys, Op.Outcome.OK, 200, "", "");
    }

    Histories unknown(String process, String f, Map<String, String> keys) {
        return add(process, f, keys, Op.Outcome.UNKNOWN, 0, "TIMEOUT", "");
    }

    Histories refused(String process, String f, Map<String, String> keys, int status, String code, String result) {
        return add(process, f, keys, Op.Outcome.REFUSED, status, code, result);
    }

    Histories fault(String f, Map<String, String> keys) {
        return add("nemesis", f, keys, Op.Outcome.FAULT, 0, "", "");
    }

    Histories add(String process, String f, Map<String, String> keys, Op.Outcome outcome, int status, String code,
            String result) {
        long start = clock;
        clock += 100;
        history.append(new Op(0, process, f, keys, "", outcome, status, code, result, start, clock));
        return this;
    }

    /** Milliseconds of history so far. */
    long clock() {
        return clock;
    }

    static FinalState state(List<FinalState.DSourceState> dsources) {
        return new FinalState(dsources, List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of(), List.of(),
                List.of());
    }

    static FinalState empty() {
        return state(List.of());
    }
}
