package io.timeflow.testing.security;

import io.timeflow.testing.TopicProbe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Looks for known secret values everywhere a service lets data out: its log (every record any
 * logger of the test JVM emits while the scan runs, with parameters and stack traces), the answers
 * the test collected, and every record (value and headers) on the topics it names. A secret is
 * named, never printed, in the failure.
 */
public final class SecretScan implements AutoCloseable {

    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<String> logs = new ConcurrentLinkedQueue<>();
    private final List<String[]> outputs = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + ": " + record.getMessage());
            if (record.getParameters() != null) {
                line.append(' ').append(Arrays.deepToString(record.getParameters()));
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            logs.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private SecretScan() {
    }

    /** Starts capturing the log. */
    public static SecretScan start() {
        SecretScan scan = new SecretScan();
        Logger.getLogger("").addHandler(scan.handler);
        return scan;
    }

    /** A value that must appear nowhere; {@code name} is how a failure refers to it. */
    public SecretScan secret(String name, String value) {
        if (value == null || value.length() < 6) {
            throw new IllegalArgumentException("a secret to scan for must be at least 6 characters: " + name);
        }
        secrets.put(name, value);
        return this;
    }

    /** An answer (or anything else the service let out) to scan. */
    public void output(String where, String text) {
        outputs.add(new String[] {where, text == null ? "" : text});
    }

    /** How many log records were captured (a scan that captured nothing proves nothing). */
    public int logRecords() {
        return logs.size();
    }

    /** Scans the log, the collected outputs and the topics; returns how many texts were scanned. */
    public int assertNoSecretIn(String... topics) {
        List<String[]> texts = new ArrayList<>(outputs);
        int i = 0;
        for (String line : logs) {
            texts.add(new String[] {"log record " + (i++), line});
        }
        for (String topic : topics) {
            for (TopicProbe.Seen seen : TopicProbe.readAll(topic)) {
                texts.add(new String[] {topic + "@" + seen.partition() + ":" + seen.offset() + " (" + seen.type() + ")",
                        seen.key() + " " + seen.headers() + " " + seen.value()});
            }
        }
        List<String> leaks = new ArrayList<>();
        for (String[] text : texts) {
            secrets.forEach((name, value) -> {
                if (text[1].contains(value)) {
                    leaks.add(name + " appears in " + text[0]);
                }
            });
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("secrets leaked:\n  " + String.join("\n  ", leaks));
        }
        return texts.size();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
