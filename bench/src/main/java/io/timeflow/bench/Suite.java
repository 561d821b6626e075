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

    /** The launcher's command line up to its arguments, as {@code ./timeflow} runs it (launcher/jvm.options). */
    List<String> launcherCommand() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java().toString()));
        Files.readAllLines(options.project().resolve("launcher").resolve("jvm.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(cmd::add);
        cmd.addAll(List.of("-jar", launcherJar().toString()));
        return cmd;
    }

    /** Starts the suite and returns the seconds until every service is ready. */
    double start(Duration timeout) throws Exception {
        Files.createDirectories(logDir);
        List<String> cmd = launcherCommand();
        cmd.add("up");
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

    private final Map<String, Double> exits = new LinkedHashMap<>();

    /** When each process of the last stop had exited, in seconds after the SIGTERM. */
    String lastStopByProcess() {
        StringBuilder sb = new StringBuilder();
        exits.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                "%s %.1f s", k, v)));
        return sb.toString();
    }

    /** SIGTERM to the launcher, as Ctrl-C or a service manager sends; returns the seconds until it has exited. */
    double stop(Duration timeout) throws Exception {
        Map<String, Long> pids = pids();
        exits.clear();
        long t0 = System.nanoTime();
        launcher.destroy();
        Map<String, ProcessHandle> alive = new LinkedHashMap<>();
        pids.forEach((k, pid) -> ProcessHandle.of(pid).ifPresent(h -> alive.put(k, h)));
        long deadline = t0 + timeout.toNanos();
        while (launcher.isAlive() && System.nanoTime() < deadline) {
            for (var it = alive.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isAlive()) {
                    exits.put(e.getKey(), (System.nanoTime() - t0) / 1e9);
                    it.remove();
                }
            }
            launcher.waitFor(50, TimeUnit.MILLISECONDS);
        }
        if (launcher.isAlive()) {
            launcher.destroyForcibly();
            throw new IllegalStateException("the suite did not stop within " + timeout);
        }
        exits.put("launcher", (System.nanoTime() - t0) / 1e9);
        // stopped means every process gone: one finishing its exit just after the launcher's counts until it is
        long grace = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!alive.isEmpty() && System.nanoTime() < grace) {
            for (var it = alive.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isAlive()) {
                    exits.put(e.getKey(), (System.nanoTime() - t0) / 1e9);
                    it.remove();
                }
            }
            Thread.sleep(20);
        }
        for (var e : alive.entrySet()) {
            e.getValue().destroyForcibly();
            throw new IllegalStateException(e.getKey() + " (pid " + e.getValue().pid() + ") outlived the suite's stop by "
                    + "30 s");
        }
        return exits.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
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

    /** CPU time used so far, in seconds, per process of the suite (PostgreSQL: all its processes), and this JVM's. */
    Map<String, Double> cpuSeconds() throws IOException {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (var e : pids().entrySet()) {
            double s = cpuOf(e.getValue());
            if (e.getKey().equals("postgres")) {
                s += ProcessHandle.of(e.getValue()).map(h -> h.descendants().mapToDouble(d -> cpuOf(d.pid())).sum())
                        .orElse(0.0);
            }
            cpu.put(e.getKey(), s);
        }
        cpu.put("bench client", cpuOf(ProcessHandle.current().pid()));
        return cpu;
    }

    /** utime + stime of a process from /proc, in seconds (clock ticks of 1/100 s). */
    static double cpuOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Where the CPU went between two readings, per report: "staging 3.1 ms, postgres 2.0 ms, ...". */
    static String cpuPer(Map<String, Double> before, Map<String, Double> after, long reports) {
        StringBuilder sb = new StringBuilder();
        double total = 0;
        for (var e : after.entrySet()) {
            double used = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            total += used;
            if (used > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s %.2f ms", e.getKey(),
                        used * 1000 / reports));
            }
        }
        return String.format(java.util.Locale.ROOT, "CPU per report %.2f ms: ", total * 1000 / reports) + sb;
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
        List<String> cmd = launcherCommand();
        cmd.addAll(List.of("token", "--role", role, "--hours", "6", "--data-dir", dataDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("./timeflow token failed: " + out);
        }
        return out.substring(out.lastIndexOf('\n') + 1).trim();
    }
}
