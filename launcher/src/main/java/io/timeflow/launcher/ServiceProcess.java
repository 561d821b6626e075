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

    private final String name;
    private final Options options;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private long readyAt;
    private java.util.Optional<AotCache> aotCache = java.util.Optional.empty();

    ServiceProcess(String name, Options options, Map<String, String> env) {
        this.name = name;
        this.options = options;
        this.env = env;
        this.log = options.dataDir().resolve("logs").resolve(module(name) + ".log");
    }

    /** The module directory (and log name) of a service: staging-service ..., or console. */
    static String module(String name) {
        return "console".equals(name) ? "console" : name + "-service";
    }

    void start() throws IOException {
        Path app = options.projectDir().resolve(module(name)).resolve("target").resolve("quarkus-app");
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build first (./timeflow up builds what is missing)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("plugin".equals(name) ? "-Xmx512m" : "console".equals(name) ? "-Xmx96m" : "-Xmx192m");
        cmd.add("-XX:+UseSerialGC");
        if (!"plugin".equals(name)) {
            // C1 only: quicker start and less memory for services that mostly wait on I/O. Not for
            // plugin-service, whose GraalPy interpreter needs C2 to run migrations at full speed.
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        aotCache = AotCache.forApp(options.dataDir(), name, app);
        aotCache.ifPresent(cache -> cmd.add(cache.jvmOption()));
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
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

    /** "used", "recording" (this run trains the cache, written when the service stops) or "off". */
    String aotState() {
        return aotCache.map(c -> c.exists() ? "AOT cache used" : "recording AOT cache").orElse("no AOT cache (JDK < 25)");
    }

    boolean recordingAot() {
        return aotCache.map(c -> !c.exists()).orElse(false);
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
