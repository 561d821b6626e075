package io.timeflow.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every operation of a run with its answer, and every fault, in the order they ended. Thread-safe:
 * the workload's processes and the nemesis append to it at once.
 */
public final class History {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long startNanos;
    private final java.time.Instant startedAt;
    private final List<Op> ops = new ArrayList<>();

    public History() {
        this(System.nanoTime(), java.time.Instant.now());
    }

    History(long startNanos, java.time.Instant startedAt) {
        this.startNanos = startNanos;
        this.startedAt = startedAt;
    }

    /** The wall-clock time of a moment of the run (milliseconds since it started). */
    public java.time.Instant instant(long millis) {
        return startedAt.plusMillis(millis);
    }

    /** The moment of the run (milliseconds since it started) of a wall-clock time. */
    public long millis(java.time.Instant at) {
        return at.toEpochMilli() - startedAt.toEpochMilli();
    }

    /** Milliseconds since the run started. */
    public long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public synchronized Op add(String process, String f, Map<String, String> keys, String args, Op.Outcome outcome,
            int status, String code, String result, long start, long end) {
        Op op = new Op(ops.size(), process, f, Map.copyOf(keys), args, outcome, status, code, result, start, end);
        ops.add(op);
        return op;
    }

    /** A fault the nemesis made (or ended), as one entry that lasts from {@code start} to now. */
    public Op fault(String f, Map<String, String> keys, String detail, long start) {
        return add("nemesis", f, keys, "", Op.Outcome.FAULT, 0, "", detail, start, now());
    }

    /** Adds an operation made elsewhere (tests of the checker build histories this way). */
    public synchronized Op append(Op op) {
        Op numbered = new Op(ops.size(), op.process(), op.f(), Map.copyOf(op.keys()), op.args(), op.outcome(),
                op.status(), op.code(), op.result(), op.start(), op.end());
        ops.add(numbered);
        return numbered;
    }

    public synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    public synchronized List<Op> where(Predicate<Op> filter) {
        return ops.stream().filter(filter).toList();
    }

    /** Operations of one kind. */
    public List<Op> of(String f) {
        return where(o -> o.f().equals(f));
    }

    /**
     * The smallest part of the history that shows a violation: the operations on the given objects
     * (any key equal to one of {@code values}), and the faults that happened between the first of them
     * and the last; at most {@code limit} lines, the latest kept.
     */
    public List<Op> slice(Collection<String> values, int limit) {
        Set<String> wanted = Set.copyOf(values);
        List<Op> touching = where(o -> o.keys().values().stream().anyMatch(wanted::contains));
        if (touching.isEmpty()) {
            return List.of();
        }
        long from = touching.stream().mapToLong(Op::start).min().orElse(0);
        long to = touching.stream().mapToLong(Op::end).max().orElse(0);
        List<Op> slice = where(o -> o.keys().values().stream().anyMatch(wanted::contains)
                || (o.outcome() == Op.Outcome.FAULT && o.end() > from && o.start() < to));
        return slice.size() <= limit ? slice : slice.subList(slice.size() - limit, slice.size());
    }

    public synchronized int size() {
        return ops.size();
    }

    /** Writes the history as JSON lines, one operation a line. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            for (Op op : ops()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", op.index());
                m.put("process", op.process());
                m.put("f", op.f());
                m.put("keys", op.keys());
                m.put("args", op.args());
                m.put("outcome", op.outcome().name());
                m.put("status", op.status());
                m.put("code", op.code());
                m.put("result", op.result());
                m.put("start", op.start());
                m.put("end", op.end());
                out.write(JSON.writeValueAsString(m));
                out.write('\n');
            }
        }
    }
}
