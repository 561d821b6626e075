package io.timeflow.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service (or the console) as a child JVM running its Quarkus jar, with its log in the data directory. */
final class ServiceProcess {

    /**
     * backup-service's JIT options: the JDK's AES-GCM and SHA-256 (its archives' encryption and checksums) compiled by
     * C2 after a hundredth of the usual calls. They run as the CPU's AES, carry-less-multiply and SHA instructions only
     * in C2's code, and an archive makes one call per MiB chunk: at the usual thresholds a first backup or restore after
     * a start is over before they are compiled (ADR 0164). The Helm chart's backup-service has the same.
     */
    static final List<String> CRYPTO_COMPILED_EARLY = List.of("-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.01",
            "-XX:CompileCommand=CompileThresholdScaling,sun.security.provider.*::*,0.01");

    private final String name;
    private final Options options;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private long readyAt;
    private final boolean training;
    private java.util.Optional<AotCache> aotCache = java.util.Optional.empty();

    ServiceProcess(String name, Options options, Map<String, String> env) {
        this(name, options, env, false);
    }

    /** {@code training}: the run records the service's AOT cache when it exits (see {@link Training}). */
    ServiceProcess(String name, Options options, Map<String, String> env, boolean training) {
        this.name = name;
        this.options = options;
        this.env = env;
        this.training = training;
        this.log = options.dataDir().resolve("logs").resolve(module(name) + ".log");
        this.aotCache = Training.cacheOf(options, name);
    }

    /** The module directory (and log name) of a service: staging-service ..., or console. */
    static String module(String name) {
        return "console".equals(name) ? "console" : name + "-service";
    }

    private Path app() {
        return options.projectDir().resolve(module(name)).resolve("target").resolve("quarkus-app");
    }

    void start() throws IOException {
        Path jar = app().resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build first (./timeflow up builds what is missing)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("plugin".equals(name) ? "-Xmx512m" : "console".equals(name) ? "-Xmx96m" : "-Xmx192m");
        // the heap starts small and grows with the load: without it the JVM starts at 1/64 of the machine's memory
        // (the whole -Xmx on a 24 GiB machine), and the young generation it fills once stays resident (the
        // containers, whose memory limit makes that 1/64 small, start at a fraction of it)
        cmd.add("-Xms32m");
        cmd.add("-XX:+UseSerialGC");
        if ("console".equals(name)) {
            // C1 only: quicker start and less memory for a service that mostly waits on I/O. Not for
            // plugin-service, whose GraalPy interpreter needs C2 to run migrations at full speed, nor for
            // staging-service and snapshot-service, which serve restore reports and SnapSyncs under load: with C1
            // alone their request path (REST, JSON, Hibernate, the outbox) costs about 1.4 times the CPU per report
            // (./timeflow bench, ADR 0141), nor for backup-service, whose archives go through AES-GCM and SHA-256:
            // the JDK runs them as CPU instructions only in C2's code (ADR 0164)
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        if ("backup".equals(name)) {
            cmd.addAll(CRYPTO_COMPILED_EARLY);
        }
        if ("snapshot".equals(name)) {
            // three consumers of timeflow.staging.v1 (six partitions; order per dSource holds within a partition):
            // one alone applies fewer restore events per second than staging-service accepts, and its view falls
            // behind (a system property: an environment variable's name cannot carry the channel's dash)
            cmd.add("-Dmp.messaging.incoming.staging-events.concurrency=3");
        }
        if (training) {
            aotCache.ifPresent(cache -> cmd.add(cache.recordOption()));
        } else {
            aotCache.filter(AotCache::exists).ifPresent(cache -> cmd.add(cache.useOption()));
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // two malloc arenas instead of up to eight per core: the JVM's own threads (compilers, GC, I/O) otherwise
        // each keep an arena of native memory resident
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        pb.environment().putAll(env);
        process = pb.start();
        Launcher.say("starting %s (pid %d, log %s)", module(name), process.pid(), log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Whether the service started from its AOT cache. */
    String aotState() {
        if (training) {
            return "training its AOT cache";
        }
        return aotCache.map(c -> c.exists() ? "AOT cache used" : "no AOT cache (./timeflow build trains it)")
                .orElse("no AOT cache (JDK < 25)");
    }

    java.util.Optional<AotCache> aotCache() {
        return aotCache;
    }

    boolean alive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    void readyAt(long nanos) {
        this.readyAt = nanos;
    }

    /**
     * Lowers the CPU priority of every thread of the service (nice 10), as {@code renice} does; threads it starts
     * later inherit it. For plugin-service once it is ready: its sandbox warm-up (ADR 36) and the JIT compiling
     * GraalPy's interpreter then take the CPU the other services leave, instead of competing with them. Not at
     * launch: the service's own start would then come last. Best effort: false when it could not be done.
     */
    boolean lowerPriority() {
        Path tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
        if (!Files.isDirectory(tasks) || !Files.isExecutable(Path.of("/usr/bin/renice"))) {
            return false;
        }
        try (var list = Files.list(tasks)) {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/renice", "-n", "10", "-p"));
            list.map(t -> t.getFileName().toString()).forEach(cmd::add);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(10, TimeUnit.SECONDS); // a thread that ended meanwhile is not an error
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void signalStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    void awaitStop(Duration grace) {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
