package io.timeflow.launcher;

import io.timeflow.testing.ChildKafka;
import io.timeflow.testing.Postgres;
import io.timeflow.testing.Scratch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./timeflow up}: an embedded PostgreSQL, a Kafka broker in KRaft mode and the four services
 * on one machine, data kept in a data directory between runs; Ctrl-C stops everything.
 * {@code ./timeflow token --role R}: a token for the local suite.
 */
public final class Launcher {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Options options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private AgentProcess agent;
    private ChildKafka kafka;
    private Postgres postgres;
    private volatile boolean stopping;

    private Launcher(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<String> list = new ArrayList<>(Arrays.asList(args));
        String command = list.isEmpty() ? "up" : list.remove(0);
        try {
            switch (command) {
                case "up" -> new Launcher(Options.parse(list, System.getenv())).up();
                case "train" -> {
                    boolean ifMissing = list.remove("--if-missing");
                    Options asked = Options.parse(list, System.getenv());
                    if ("off".equalsIgnoreCase(System.getenv("TIMEFLOW_AOT_CACHE"))) {
                        say("TIMEFLOW_AOT_CACHE=off: no AOT cache trained; the services start without one");
                    } else if (Runtime.version().feature() < 25) {
                        say("AOT caches need JDK 25 or newer (this is %d): the services start without one",
                                Runtime.version().feature());
                    } else if (!ifMissing || !Training.cachesExist(asked)) {
                        new Launcher(Training.options(asked)).train();
                    }
                }
                case "token" -> token(list);
                default -> {
                    System.err.println("unknown command " + command + "\n" + Options.usage());
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("timeflow: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void token(List<String> args) throws Exception {
        String role = "admin";
        String subject = null;
        Duration validity = Duration.ofHours(12);
        Options options = Options.parse(List.of(), System.getenv());
        Path dataDir = options.dataDir();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--role" -> role = args.get(++i);
                case "--subject" -> subject = args.get(++i);
                case "--hours" -> validity = Duration.ofHours(Long.parseLong(args.get(++i)));
                case "--data-dir" -> dataDir = Path.of(args.get(++i));
                default -> throw new IllegalArgumentException(
                        "usage: ./timeflow token [--role viewer|operator|agent|plugin-admin|backup-admin|admin] "
                                + "[--subject NAME] [--hours N] [--data-dir DIR]");
            }
        }
        if (!Set.of("viewer", "operator", "agent", "plugin-admin", "backup-admin", "admin").contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'");
        }
        LocalSecrets secrets = LocalSecrets.loadOrCreate(dataDir);
        System.out.println(Tokens.sign(secrets.signingKey(), subject == null ? "local-" + role : subject, Set.of(role),
                validity));
    }

    private void up() throws Exception {
        long t0 = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "timeflow-stop"));
        if (options.console()) {
            say("console: http://localhost:%d/ (once the suite is up; sign in with the token printed then)", options.consolePort());
        }
        LocalSecrets secrets = startAll(false);
        if (options.agent()) {
            agent = new AgentProcess(options);
            agent.start(Tokens.sign(secrets.signingKey(), "local-admin", Set.of("admin"), Duration.ofMinutes(5)));
            ProcessTable.record(options.dataDir(), "agent", agent.pid());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        writeEndpoints();
        printSummary(seconds, secrets);
        while (!stopping) {
            for (ServiceProcess service : services) {
                if (!service.alive() && !stopping) {
                    say("%s exited with %d; see %s", ServiceProcess.module(service.name()), service.exitValue(), service.log());
                    System.exit(1);
                }
            }
            if (agent != null && !agent.alive() && !stopping) {
                say("the staging-host agent exited; see %s", agent.log());
                System.exit(1);
            }
            Thread.sleep(1000);
        }
    }

    /**
     * PostgreSQL and the broker (started side by side: neither needs the other), then the four services as soon as
     * PostgreSQL is ready; returns when the broker and every service are ready.
     */
    private LocalSecrets startAll(boolean training) throws Exception {
        Files.createDirectories(options.dataDir().resolve("logs"));
        ProcessTable.killLeftovers(options.dataDir());
        LocalSecrets secrets = LocalSecrets.loadOrCreate(options.dataDir());

        say("data directory %s", options.dataDir());
        kafka = new ChildKafka(options.dataDir().resolve("kafka"), options.kafkaPort(), options.kafkaPort() + 1,
                ChildKafka.LOCAL_RUN_OPTIONS);
        java.util.concurrent.CompletableFuture<Void> broker = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                kafka.start(Duration.ofMinutes(2));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the broker started", e);
            }
        });
        // stopped by stopAll, after the services (not by a shutdown hook of its own, which would stop it first)
        postgres = Postgres.start(options.dataDir().resolve("postgres"), options.postgresPort(), secrets.rolePasswords(),
                false);
        ProcessTable.record(options.dataDir(), "postgres", postgresPid().orElse(-1L));
        say("PostgreSQL 17 ready at %s", postgres.jdbcUrl());

        if (options.console()) {
            ServiceProcess console = new ServiceProcess("console", options, consoleEnv(), training);
            if (training) {
                console.aotCache().orElseThrow(() -> new IllegalStateException(
                        "AOT caches need JDK 25 or newer, and a packaged console")).removeStale("console");
            }
            console.start();
            ProcessTable.record(options.dataDir(), "console", console.pid());
            services.add(console);
        }
        for (String name : options.services()) {
            Map<String, String> env = serviceEnv(name, secrets);
            if (training) {
                env.putAll(Training.SERVICE_ENV);
            }
            ServiceProcess service = new ServiceProcess(name, options, env, training);
            if (training) {
                service.aotCache().orElseThrow(() -> new IllegalStateException(
                        "AOT caches need JDK 25 or newer, and a packaged " + name + "-service")).removeStale(name);
            }
            service.start();
            ProcessTable.record(options.dataDir(), name, service.pid());
            services.add(service);
        }
        // the services start once PostgreSQL is ready (each migrates its schema first), without waiting for the broker:
        // their first seconds are the JVM's and Quarkus's own start, and their Kafka clients connect (and retry) only
        // after that. A broker that fails to start still fails the start (ADR 0141)
        try {
            broker.get(3, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        ProcessTable.record(options.dataDir(), "kafka", kafka.process().pid());
        say("Kafka broker (KRaft) ready at %s", kafka.bootstrapServers());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (ServiceProcess service : services) {
            awaitReady(http, service);
            if (!training && service.name().equals("plugin") && !service.lowerPriority()) {
                say("plugin-service runs at normal CPU priority (renice was not possible here)");
            }
        }
        return secrets;
    }

    /**
     * {@code ./timeflow build}'s training step: the suite on a throw-away data directory and free ports, each service
     * recording its AOT cache ({@code -XX:AOTCacheOutput}) while real requests exercise it, then stopped so that the
     * JVMs write their caches. Every later start of the suite reads them; no start or stop of a user's suite writes one.
     */
    private void train() throws Exception {
        long t0 = System.nanoTime();
        say("training the AOT caches of the services (once per build) ...");
        Scratch.deleteTree(options.dataDir());
        try {
            LocalSecrets secrets = startAll(true);
            Training.drive(options, secrets);
        } catch (Exception e) {
            // the JVMs write what they recorded when they stop: a failed training leaves no cache behind, so that
            // the next build or start trains again instead of taking a cache of a broken run
            stopAll(Duration.ofMinutes(4));
            for (String name : Training.apps(options)) {
                Training.cacheOf(options, name).ifPresent(c -> c.file().toFile().delete());
            }
            throw e;
        } finally {
            stopAll(Duration.ofMinutes(4));
        }
        List<String> missing = new ArrayList<>();
        for (String name : Training.apps(options)) {
            Training.cacheOf(options, name).filter(c -> !c.exists()).ifPresent(c -> missing.add(name));
        }
        Scratch.deleteTree(options.dataDir());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no AOT cache was written for " + missing + "; see the training logs");
        }
        say("AOT caches trained in %.0f s: %s", (System.nanoTime() - t0) / 1e9, AotCache.directory(options.projectDir()));
    }

    private Map<String, String> serviceEnv(String name, LocalSecrets secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(options.httpPort(name)));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(options.managementPort(name)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", "timeflow_" + name);
        env.put("QUARKUS_DATASOURCE_PASSWORD", secrets.rolePasswords().get(name));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TIMEFLOW_ENCRYPTION_KEY", secrets.encryptionKey());
        env.put("TIMEFLOW_BACKUP_PASSPHRASE", secrets.backupPassphrase());
        env.put("TIMEFLOW_BACKUP_DIRECTORY", options.dataDir().resolve("backups").toString());
        // the database's volume, whose free space a restore checks before it loads a backup beside the live data
        env.put("TIMEFLOW_BACKUP_RESTORE_DATABASE_DIRECTORY", options.dataDir().resolve("postgres").toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", secrets.publicKeyFile().toUri().toString());
        env.put("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
        env.put("TIMEFLOW_ENGINE_ID_FILE", options.dataDir().resolve("engine-id").toString());
        // every service reaches the others through the same ports the user sees
        for (String other : Options.ALL_SERVICES) {
            env.put("TIMEFLOW_" + other.toUpperCase() + "_URL", "http://localhost:" + options.httpPort(other));
        }
        return env;
    }

    /**
     * The web console's environment: its ports (the bases themselves), the broker whose topics it streams to
     * browsers, and the four APIs it routes by path prefix. No database, no secret: it holds no credential.
     */
    private Map<String, String> consoleEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(options.consolePort()));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(options.consoleManagementPort()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        for (String other : Options.ALL_SERVICES) {
            env.put("TIMEFLOW_" + other.toUpperCase() + "_URL", "http://localhost:" + options.httpPort(other));
        }
        return env;
    }

    private int httpPortOf(ServiceProcess s) {
        return "console".equals(s.name()) ? options.consolePort() : options.httpPort(s.name());
    }

    private int managementPortOf(ServiceProcess s) {
        return "console".equals(s.name()) ? options.consoleManagementPort() : options.managementPort(s.name());
    }

    /** Where this installation answers, for tools pointed at its data directory ({@code ./timeflow backup --data-dir}). */
    private void writeEndpoints() throws IOException {
        StringBuilder sb = new StringBuilder("# written by ./timeflow up: the services of the suite using this data directory\n");
        for (String s : Options.ALL_SERVICES) {
            sb.append(s).append(".url=http://localhost:").append(options.httpPort(s)).append('\n');
        }
        Files.writeString(options.dataDir().resolve("logs").resolve("endpoints.properties"), sb.toString());
    }

    private void awaitReady(HttpClient http, ServiceProcess service) throws Exception {
        URI ready = URI.create("http://localhost:" + managementPortOf(service) + "/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.alive()) {
                throw new IOException(ServiceProcess.module(service.name()) + " exited with " + service.exitValue()
                        + " before it was ready; its log: " + service.log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    service.readyAt(System.nanoTime());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException(ServiceProcess.module(service.name()) + " was not ready within " + READY_TIMEOUT + "; its log: "
                + service.log());
    }

    private void printSummary(double seconds, LocalSecrets secrets) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("\nTimeflow is up: all healthy in ").append(String.format("%.1f", seconds)).append(" s\n\n");
        if (options.console()) {
            out.append("  console: http://localhost:").append(options.consolePort())
                    .append("/   (open it, sign in with the token below)\n\n");
        }
        out.append(String.format("  %-18s %-28s %-40s %-42s %-9s %s%n", "service", "API", "Swagger UI", "health", "RSS",
                "start-up"));
        for (ServiceProcess s : services) {
            String api = "http://localhost:" + httpPortOf(s);
            boolean console = "console".equals(s.name());
            out.append(String.format("  %-18s %-28s %-40s %-42s %-9s %s%n", ServiceProcess.module(s.name()),
                    console ? api + "/" : api, console ? "(the four APIs under /api/v1)" : api + "/q/swagger-ui",
                    "http://localhost:" + managementPortOf(s) + "/q/health", Memory.rss(s.pid()), s.aotState()));
        }
        out.append(String.format("  %-18s %-28s %-40s %-42s %s%n", "kafka", kafka.bootstrapServers(), "", "",
                Memory.rss(kafka.process().pid())));
        out.append(String.format("  %-18s %-28s %-40s %-42s %s%n", "postgresql", "localhost:" + postgres.port(),
                "database timeflow", "", postgresPid().map(Memory::rssWithChildren).orElse("?")));
        if (agent != null) {
            out.append(String.format("  %-18s %-28s %-40s %-42s %s%n", "agent", AgentProcess.NAME,
                    "environment " + AgentProcess.ENVIRONMENT, "stand-in host " + options.dataDir().resolve("agent-host"),
                    Memory.rss(agent.pid())));
        }
        out.append("\n  data:    ").append(options.dataDir()).append("  (logs in ").append(options.dataDir().resolve("logs"))
                .append(")\n");
        out.append("  token:   admin, valid 12 h (make others with ./timeflow token --role operator):\n\n");
        out.append(Tokens.sign(secrets.signingKey(), "local-admin", Set.of("admin"), Duration.ofHours(12))).append("\n\n");
        out.append("  try:     curl -H \"Authorization: Bearer $(./timeflow token)\" http://localhost:")
                .append(options.httpPort("staging")).append("/api/v1/environments\n");
        out.append("  stop:    Ctrl-C\n");
        Files.writeString(options.dataDir().resolve("logs").resolve("last-start.txt"), String.format(
                "all healthy in %.1f s%n%s", seconds, memoryReport()));
        System.out.println(out);
    }

    private String memoryReport() {
        StringBuilder sb = new StringBuilder();
        for (ServiceProcess s : services) {
            sb.append(ServiceProcess.module(s.name())).append(' ').append(Memory.rss(s.pid())).append('\n');
        }
        sb.append("kafka ").append(Memory.rss(kafka.process().pid())).append('\n');
        sb.append("postgresql ").append(postgresPid().map(Memory::rssWithChildren).orElse("?")).append('\n');
        return sb.toString();
    }

    private Optional<Long> postgresPid() {
        try {
            List<String> lines = Files.readAllLines(options.dataDir().resolve("postgres").resolve("postmaster.pid"));
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void stopAll() {
        stopAll(Duration.ofSeconds(15));
    }

    /**
     * Stops the services (all signalled at once, each given {@code grace}), then the broker and PostgreSQL side by
     * side: nothing uses them any more.
     */
    private synchronized void stopAll(Duration grace) {
        if (stopping && services.isEmpty() && kafka == null && postgres == null && agent == null) {
            return;
        }
        stopping = true;
        System.out.println("\nstopping Timeflow ...");
        if (agent != null) {
            agent.stop();
            agent = null;
        }
        for (ServiceProcess s : services) {
            s.signalStop();
        }
        for (ServiceProcess s : services) {
            s.awaitStop(grace);
        }
        services.clear();
        Thread broker = Thread.ofPlatform().name("timeflow-stop-kafka").start(() -> {
            try {
                if (kafka != null) {
                    kafka.stop(Duration.ofSeconds(20));
                }
            } catch (Exception e) {
                System.err.println("stopping Kafka: " + e.getMessage());
            }
        });
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } catch (Exception e) {
            System.err.println("stopping PostgreSQL: " + e.getMessage());
        }
        try {
            broker.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kafka = null;
        ProcessTable.clear(options.dataDir());
        System.out.println("stopped; data kept in " + options.dataDir());
    }

    static void say(String format, Object... args) {
        System.out.printf("[timeflow] " + format + "%n", args);
    }

    /** Resident memory of processes, from /proc. */
    static final class Memory {
        static String rss(long pid) {
            long kb = rssKb(pid);
            return kb < 0 ? "?" : (kb / 1024) + " MiB";
        }

        static String rssWithChildren(long pid) {
            long total = rssKb(pid);
            if (total < 0) {
                return "?";
            }
            total += ProcessHandle.of(pid).map(h -> h.descendants().mapToLong(d -> Math.max(0, rssKb(d.pid()))).sum())
                    .orElse(0L);
            return (total / 1024) + " MiB (all its processes)";
        }

        static long rssKb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }

    /** Pids of what a run started, so a run killed without cleanup does not leave processes for the next one. */
    static final class ProcessTable {
        static void record(Path dataDir, String name, long pid) throws IOException {
            Files.writeString(dataDir.resolve("logs").resolve(name + ".pid"), String.valueOf(pid));
        }

        static void clear(Path dataDir) {
            try (var files = Files.list(dataDir.resolve("logs"))) {
                files.filter(p -> p.toString().endsWith(".pid")).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // nothing to clear
            }
        }

        static void killLeftovers(Path dataDir) throws Exception {
            Map<String, Long> left = new HashMap<>();
            try (var files = Files.list(dataDir.resolve("logs"))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    try {
                        left.put(p.getFileName().toString(), Long.parseLong(Files.readString(p).trim()));
                    } catch (NumberFormatException e) {
                        // unreadable pid file
                    }
                }
            }
            for (var e : left.entrySet()) {
                Optional<ProcessHandle> h = ProcessHandle.of(e.getValue());
                if (h.isPresent() && h.get().isAlive() && h.get().info().command().map(c -> c.contains("java")
                        || c.contains("postgres")).orElse(false)) {
                    say("stopping %s left over from an earlier run (pid %d)", e.getKey().replace(".pid", ""), e.getValue());
                    h.get().destroy();
                    h.get().onExit().get(15, TimeUnit.SECONDS);
                }
            }
            clear(dataDir);
        }
    }
}
