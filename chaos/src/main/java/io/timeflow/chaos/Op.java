package io.timeflow.chaos;

import java.util.Map;

/**
 * One entry of the history: a client operation with its answer, or a fault the run made.
 *
 * @param index   position in the history, in the order operations ended
 * @param process who made it: a workload process ({@code agent-2}, {@code snapsync}, ...), {@code setup},
 *                {@code quiet} or {@code nemesis}
 * @param f       what was done, e.g. {@code restore.complete}, {@code snapsync.request}, {@code kill}
 * @param keys    the objects it concerns (dsource, restore, plugin, job, fire ...), for slicing the history
 * @param args    what was sent, briefly
 * @param outcome the answer: OK, REFUSED (a definite no: a 4xx, or the connection refused before anything was
 *                sent), UNKNOWN (a timeout, a lost connection or a 5xx: it may or may not have happened); FAULT for
 *                the nemesis
 * @param status  HTTP status (0 when none came)
 * @param code    the problem's stable code, or what went wrong on the wire
 * @param result  what came back, briefly (ids, states)
 * @param start   milliseconds since the run started, when it was sent
 * @param end     milliseconds since the run started, when its answer came
 */
public record Op(long index, String process, String f, Map<String, String> keys, String args, Outcome outcome,
        int status, String code, String result, long start, long end) {

    /** The answer an operation got. */
    public enum Outcome {
        OK, REFUSED, UNKNOWN, FAULT
    }

    public String key(String name) {
        return keys.get(name);
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    public boolean unknown() {
        return outcome == Outcome.UNKNOWN;
    }

    public boolean refused() {
        return outcome == Outcome.REFUSED;
    }

    /** One line of the history as the run prints it. */
    public String line() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%6d %9.3fs %-11s %-24s", index, start / 1000.0, process, f));
        sb.append(' ').append(outcome);
        if (status > 0) {
            sb.append(' ').append(status);
        }
        if (code != null && !code.isEmpty()) {
            sb.append(' ').append(code);
        }
        if (!keys.isEmpty()) {
            sb.append(' ').append(keys);
        }
        if (args != null && !args.isEmpty()) {
            sb.append(" sent ").append(args);
        }
        if (result != null && !result.isEmpty()) {
            sb.append(" -> ").append(result);
        }
        sb.append(String.format(" (%.3fs)", (end - start) / 1000.0));
        return sb.toString();
    }
}
