package io.timeflow.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The agent's reports, written to disk before they are sent and removed once a service answered them,
 * so that neither a restart of the agent nor one of a service loses one (ADR 0100). Sent in order; a
 * report the service already has (the same restore id, an older observation, a hook whose lease ended)
 * is answered with a 409 the queue knows and counts as delivered, so nothing is applied twice.
 */
public final class ReportQueue {

    private static final Logger LOG = Logger.getLogger(ReportQueue.class.getName());

    /** 409 codes that mean "already done" (or "no longer wanted"): the report is delivered. */
    static final Set<String> SETTLED = Set.of("RESTORE_ALREADY_REPORTED", "RESTORE_NOT_IN_PROGRESS",
            "OBSERVATION_OUT_OF_ORDER", "LEASE_LOST", "LEASE_EXPIRED", "TASK_NOT_HELD", "DSOURCE_DETACHED");

    private final Path dir;
    private final SuiteClient client;
    private long sequence;

    public ReportQueue(Path dir, SuiteClient client) {
        this.dir = dir;
        this.client = client;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                sequence = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .mapToLong(n -> Long.parseLong(n.substring(0, n.indexOf('.')))).max().orElse(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Queues a report. {@code replaces}, when given, drops queued reports of the same key first (a newer
     * observation of a staging database makes an unsent older one pointless).
     */
    public synchronized void add(SuiteClient.Service service, String method, String path, JsonNode body,
            String what, String replaces) {
        try {
            if (replaces != null) {
                for (Path p : pending()) {
                    if (replaces.equals(SuiteClient.JSON.readTree(p.toFile()).path("key").asText(null))) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            ObjectNode item = SuiteClient.JSON.createObjectNode();
            item.put("service", service.name()).put("method", method).put("path", path).put("what", what);
            if (replaces != null) {
                item.put("key", replaces);
            }
            item.set("body", body);
            Path tmp = dir.resolve(String.format("%012d.tmp", ++sequence));
            Files.writeString(tmp, item.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(String.format("%012d.json", sequence)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a report to " + dir, e);
        }
    }

    /** Sends what is queued, in order; stops at the first service that cannot be reached. True when empty. */
    public synchronized boolean flush() {
        try {
            for (Path p : pending()) {
                JsonNode item = SuiteClient.JSON.readTree(p.toFile());
                SuiteClient.Answer a;
                try {
                    a = client.call(SuiteClient.Service.valueOf(item.path("service").asText()),
                            item.path("method").asText(), item.path("path").asText(), item.path("body"));
                } catch (IOException e) {
                    LOG.fine(() -> "cannot reach the suite for " + item.path("what").asText() + ": " + e.getMessage());
                    return false;
                }
                String what = item.path("what").asText();
                if (a.ok()) {
                    LOG.fine(() -> "reported " + what);
                } else if (a.status() == 409 && SETTLED.contains(a.code())) {
                    LOG.info(() -> what + ": already settled (" + a.code() + ")");
                } else if (a.status() == 401 || a.status() == 403 || a.status() == 429 || a.status() >= 500) {
                    LOG.warning(() -> what + ": " + a.status() + " " + a.code() + " " + a.detail() + "; trying again");
                    return false;
                } else {
                    LOG.log(Level.WARNING, () -> what + " was refused (" + a.status() + " " + a.code() + "): "
                            + a.detail());
                }
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized int size() {
        return pending().size();
    }

    private List<Path> pending() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
