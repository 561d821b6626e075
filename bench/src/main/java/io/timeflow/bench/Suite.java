package io.timeflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The suite as a user runs it: the launcher's {@code up} (what {@code ./timeflow up} runs) as a child process, with
 * its own data directory and ports. Ready means every service answers 200 on {@code /q/health/ready}, seen from here;
 * stopped means the launcher exited after a SIGTERM (it stops the services, the broker and PostgreSQL first).
 */
final class Suite {

    static final List<String> SERVICES = List.of("staging", "snapshot", "plugin", "backup");

    private final BenchOptions options;
    private final Path dataDir;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process launcher;
    private int starts;

    Suite(BenchOptions options, Path dataDir) {
        this.options = options;
        this.dataDir = dataDir;
        this.logDir = options.out().resolve("logs");
    }

    Path dataDir() {
        return dataDir;
    }

    String api(String service) {
        return "http://localhost:" + (options.httpPortBase() + SERVICES.indexOf(service) + 1);
    }

    private String ready(String service) {
        return "http://localhost:" + (options.managementPortBase() + SERVICES.indexOf(service) + 1) + "/q/health/ready";
    }

    Path launcherJar() {
        return options.project().resolve("launcher").resolve("target").resolve("timeflow-launcher.jar");
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Starts the suite and returns the seconds until every service is ready. */
    double start(Duration timeout) throws Exception {
        Files.createDirectories(logDir);
        List<String> cmd = new ArrayList<>(List.of(java().toString(), "-jar", launcherJar().toString(), "up"));
        cmd.addAll(options.upArgs(dataDir));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logDir.resolve("suite-start-" + (++starts) + ".log").toFile());
        pb.environment().put("TIMEFLOW_HOME", options.project().toString());
        long t0 = System.nanoTime();
        launcher = pb.start();
        long deadline = t0 + timeout.toNanos();
        for (String service : SERVICES) {
            URI uri = URI.create(ready(service));
            while (true) {
                if (!launcher.isAlive()) {
                    throw new IllegalStateException("the suite exited with " + launcher.exitValue() + " before "
                            + service + "-service was ready; see " + logDir);
                }
                try {
                    if (http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service + "-service not ready within " + timeout + "; see " + logDir);
                }
                Thread.sleep(50);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** SIGTERM to the launcher, as Ctrl-C or a service manager sends; returns the seconds until it has exited. */
    double stop(Duration timeout) throws Exception {
        Map<String, Long> pids = pids();
        long t0 = System.nanoTime();
        launcher.destroy();
        if (!launcher.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            launcher.destroyForcibly();
            throw new IllegalStateException("the suite did not stop within " + timeout);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (var e : pids.entrySet()) {
            Optional<ProcessHandle> h = ProcessHandle.of(e.getValue());
            if (h.isPresent() && h.get().isAlive()) {
                h.get().destroyForcibly();
                throw new IllegalStateException(e.getKey() + " (pid " + e.getValue() + ") outlived the suite's stop");
            }
        }
        return seconds;
    }

    /** Stops the suite if it runs, without measuring (after a failure). */
    void abandon() {
        if (launcher != null && launcher.isAlive()) {
            launcher.destroy();
            try {
                if (!launcher.waitFor(120, TimeUnit.SECONDS)) {
                    launcher.destroyForcibly();
                }
            } catch (InterruptedException e) {
                launcher.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The pids the launcher recorded: the four services, kafka and postgres. */
    Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : List.of("staging", "snapshot", "plugin", "backup", "kafka", "postgres")) {
            Path f = dataDir.resolve("logs").resolve(name + ".pid");
            if (Files.exists(f)) {
                pids.put(name, Long.parseLong(Files.readString(f).trim()));
            }
        }
        return pids;
    }

    /** Resident memory in MiB per process of the suite (PostgreSQL: all its processes). */
    Map<String, Double> rssMiB() throws IOException {
        Map<String, Double> rss = new LinkedHashMap<>();
        for (var e : pids().entrySet()) {
            long kb = rssKb(e.getValue());
            if (e.getKey().equals("postgres")) {
                kb += ProcessHandle.of(e.getValue()).map(h -> h.descendants().mapToLong(d -> Math.max(0, rssKb(d.pid())))
                        .sum()).orElse(0L);
            }
            rss.put(e.getKey(), kb / 1024.0);
        }
        return rss;
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** A token of the local suite for a role, from the launcher (the suite's own signing key). */
    String token(String role) throws Exception {
        Process p = new ProcessBuilder(java().toString(), "-jar", launcherJar().toString(), "token", "--role", role,
                "--hours", "6", "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("./timeflow token failed: " + out);
        }
        return out.substring(out.lastIndexOf('\n') + 1).trim();
    }
}
