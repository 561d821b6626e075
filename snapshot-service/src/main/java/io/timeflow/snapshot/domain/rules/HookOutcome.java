package io.timeflow.snapshot.domain.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * What the staging host's agent reported about a hook it ran for a SnapSync, and what it means for
 * the job: a pre-sync hook that exited with anything but 0 (or ran out of time) fails the SnapSync
 * naming its exit code and its last lines; the output kept in the job's step is capped.
 *
 * @param hookName   the hook that ended the run (the failing one, or the last)
 * @param exitCode   its exit code; null when it did not exit by itself (timed out, or killed)
 * @param timedOut   it ran past its time limit and was stopped
 * @param durationMs how long the hooks of the phase ran
 * @param output     its output, as captured (already redacted by the agent)
 */
public record HookOutcome(String hookName, Integer exitCode, boolean timedOut, long durationMs, List<String> output) {

    /** At most this many lines of output are kept in a step (the last ones). */
    public static final int MAX_LINES = 200;
    /** A longer line is cut to this many characters. */
    public static final int MAX_LINE_LENGTH = 1000;
    /** How many of the last lines a failure's detail names. */
    public static final int LAST_LINES_IN_DETAIL = 5;

    public boolean succeeded() {
        return !timedOut && exitCode != null && exitCode == 0;
    }

    /** The output to keep: the last {@link #MAX_LINES} lines, each at most {@link #MAX_LINE_LENGTH} characters. */
    public List<String> keptOutput() {
        List<String> lines = output == null ? List.of() : output;
        List<String> kept = new ArrayList<>();
        int from = Math.max(0, lines.size() - MAX_LINES);
        if (from > 0) {
            kept.add("[" + from + " earlier lines not kept]");
        }
        for (String line : lines.subList(from, lines.size())) {
            String l = line == null ? "" : line;
            kept.add(l.length() > MAX_LINE_LENGTH ? l.substring(0, MAX_LINE_LENGTH) + " [cut]" : l);
        }
        return kept;
    }

    /** For people: how the hook ended, e.g. "the pre-sync hook restore exited with code 3 after 1.2 s". */
    public String summary(String phase) {
        String how = timedOut ? "ran past its time limit and was stopped"
                : exitCode == null ? "did not exit by itself (it was killed)"
                : "exited with code " + exitCode;
        return "the " + phase + " hook " + (hookName == null ? "" : "'" + hookName + "' ") + how + " after "
                + String.format(java.util.Locale.ROOT, "%.1f s", durationMs / 1000.0);
    }

    /** The detail of a failed SnapSync: the summary and the last lines of output. */
    public String failureDetail(String phase) {
        List<String> lines = output == null ? List.of() : output;
        List<String> last = lines.subList(Math.max(0, lines.size() - LAST_LINES_IN_DETAIL), lines.size());
        String tail = last.isEmpty() ? "no output" : "last lines: " + String.join(" | ", last.stream()
                .map(l -> l.length() > 200 ? l.substring(0, 200) + " [cut]" : l).toList());
        return summary(phase) + "; " + tail;
    }
}
