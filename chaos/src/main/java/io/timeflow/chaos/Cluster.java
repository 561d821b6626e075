package io.timeflow.chaos;

import io.timeflow.testing.ChildKafka;
import io.timeflow.testing.DatabaseBootstrap;
import io.timeflow.testing.Ports;
import io.timeflow.testing.Postgres;
import io.timeflow.testing.Scratch;
import io.timeflow.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The suite as several replicas of each service run it: one real PostgreSQL, one real Kafka broker
 * in a child JVM, and N processes of each service started from its packaged jar
 * ({@code <service>/target/quarkus-app/quarkus-run.jar}), each on its own ports, sharing the
 * database, the broker, the secrets and the archive directory, as the replicas of a Kubernetes
 * Deployment do. A replica can be killed (SIGKILL) and started again on its ports; the broker and
 * PostgreSQL can be stopped and started again with their data.
 */
public final class Cluster implements AutoCloseable {

    public static final List<String> SERVICES = List.of("staging", "snapshot", "plugin", "backup");
    static final Duration READY = Duration.ofMinutes(5);

    /** One process of a service. */
    public static final class Replica {
        final String service;
        final int index;
        final int httpPort;
        final int managementPort;
        volatile Process process;
        volatile boolean up;
        /** Set while the nemesis brings it back: one restart at a time. */
        final java.util.concurrent.atomic.AtomicBoolean restarting = new java.util.concurrent.atomic.AtomicBoolean();
        int starts;

        Replica(String service, int index, int httpPort, int managementPort) {
            this.service = service;
            this.index = index;
            this.httpPort = httpPort;
            this.managementPort = managementPort;
        }

        public String service() {
            return service;
        }

        public String name() {
            return service + "-" + index;
        }

        public URI api() {
            return URI.create("http://localhost:" + httpPort);
        }

        public URI metrics() {
            return URI.create("http://localhost:" + managementPort + "/q/metrics");
        }

        /** Whether clients are sent to it: started, ready, not killed since. */
        public boolean up() {
            return up;
        }

        public boolean alive() {
            Process p = process;
            return p != null && p.isAlive();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private final ChaosOptions options;
    private final Path dir;
    private final Map<String, List<Replica>> replicas = new LinkedHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final String encryptionKey;
    private final String backupPassphrase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int postgresPort;
    private final int kafkaPort;
    private final int controllerPort;
    private volatile Postgres postgres;
    private ChildKafka kafka;

    public Cluster(ChaosOptions options) throws IOException {
        this.options = options;
        this.dir = options.dataDir();
        for (String s : SERVICES) {
            passwords.put(s, Scratch.randomText(18));
        }
        this.encryptionKey = Base64.getEncoder().encodeToString(Scratch.randomBytes(32));
        this.backupPassphrase = Scratch.randomText(24);
        int base = options.portBase();
        this.postgresPort = base > 0 ? base + 32 : freePort();
        this.kafkaPort = base > 0 ? base + 92 : freePort();
        this.controllerPort = base > 0 ? base + 93 : freePort();
        for (int s = 0; s < SERVICES.size(); s++) {
            List<Replica> list = new ArrayList<>();
            for (int r = 0; r < options.replicas(); r++) {
                int http = base > 0 ? base + 100 + 10 * s + r : freePort();
                int mgmt = base > 0 ? base + 200 + 10 * s + r : freePort();
                list.add(new Replica(SERVICES.get(s), r, http, mgmt));
            }
            replicas.put(SERVICES.get(s), List.copyOf(list));
        }
    }

    public Path dir() {
        return dir;
    }

    public List<Replica> replicas(String service) {
        return replicas.get(service);
    }

    public List<Replica> all() {
        return replicas.values().stream().flatMap(List::stream).toList();
    }

    /** Starts PostgreSQL, the broker and every replica, and waits until all are ready. */
    public void start() throws Exception {
        Scratch.deleteTree(dir);
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("jwt-public.pem"), TestTokens.publicKeyPem());
        postgres = Postgres.start(dir.resolve("postgres"), postgresPort, passwords);
        kafka = new ChildKafka(dir.resolve("kafka"), kafkaPort, controllerPort, ChildKafka.LOCAL_RUN_OPTIONS);
        kafka.start(Duration.ofMinutes(2));
        // the first replica of each service alone first: it runs the migrations, the others find them done
        for (String s : SERVICES) {
            start(replicas.get(s).get(0));
        }
        for (String s : SERVICES) {
            awaitReady(replicas.get(s).get(0), READY);
        }
        for (Replica r : all()) {
            if (r.index > 0) {
                start(r);
            }
        }
        for (Replica r : all()) {
            awaitReady(r, READY);
        }
    }

    /** Starts a replica's process (again, after a kill: same ports); it takes clients once ready. */
    public synchronized void start(Replica r) throws IOException {
        Path app = options.projectDir().resolve(r.service + "-service").resolve("target").resolve("quarkus-app");
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: package the services first (./timeflow build)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("plugin".equals(r.service) ? "-Xmx512m" : "-Xmx192m");
        cmd.add("-XX:+UseSerialGC");
        if (!"plugin".equals(r.service)) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        Path log = log(r);
        r.starts++;
        Files.writeString(log, "==== chaos: start " + r.starts + " of " + r.name() + " at " + Instant.now() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment(r));
        r.up = false;
        r.process = pb.start();
    }

    private Map<String, String> environment(Replica r) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(r.httpPort));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(r.managementPort));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", DatabaseBootstrap.roleOf(r.service));
        env.put("QUARKUS_DATASOURCE_PASSWORD", passwords.get(r.service));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put("TIMEFLOW_ENCRYPTION_KEY", encryptionKey);
        env.put("TIMEFLOW_BACKUP_PASSPHRASE", backupPassphrase);
        env.put("TIMEFLOW_BACKUP_DIRECTORY", dir.resolve("backups").toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dir.resolve("jwt-public.pem").toUri().toString());
        env.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
        // plugin-service's warm-up after start (ADR 0036) would only take the two cores from the run
        env.put("TIMEFLOW_PLUGIN_WARM_UP_OBJECTS", "0");
        return env;
    }

    /** Waits until the replica's readiness check answers 200; it then takes clients. */
    public void awaitReady(Replica r, Duration limit) throws Exception {
        URI ready = URI.create("http://localhost:" + r.managementPort + "/q/health/ready");
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = r.process;
            if (p == null || !p.isAlive()) {
                throw new IOException(r.name() + " exited" + (p == null ? "" : " with " + p.exitValue())
                        + "; its log: " + log(r));
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    r.up = true;
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException(r.name() + " was not ready within " + limit + "; its log: " + log(r));
    }

    /** SIGKILL: the replica gets no chance to finish anything. Clients stop being sent to it at once. */
    public void kill(Replica r) throws InterruptedException {
        r.up = false;
        Process p = r.process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(r.name() + " did not die");
        }
    }

    public void stopBroker() throws InterruptedException {
        kafka.stop(Duration.ofSeconds(30));
    }

    public void startBroker() throws Exception {
        kafka.start(Duration.ofMinutes(2));
    }

    public boolean brokerRunning() {
        return kafka.process() != null && kafka.process().isAlive();
    }

    /** Stops PostgreSQL (a fast shutdown: sessions are ended, what was committed stays). */
    public void stopPostgres() throws IOException {
        Postgres p = postgres;
        postgres = null;
        if (p != null) {
            p.close();
        }
    }

    public void startPostgres() throws Exception {
        if (postgres == null) {
            postgres = Postgres.start(dir.resolve("postgres"), postgresPort, passwords);
        }
    }

    public boolean postgresRunning() {
        return postgres != null;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + DatabaseBootstrap.DATABASE;
    }

    /** A connection as the database's administrator: for the checks, which read what the services recorded. */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), Postgres.SUPERUSER, null);
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public Path log(Replica r) {
        return dir.resolve("logs").resolve(r.name() + ".log");
    }

    @Override
    public void close() {
        for (Replica r : all()) {
            r.up = false;
            Process p = r.process;
            if (p != null) {
                p.destroy();
            }
        }
        for (Replica r : all()) {
            Process p = r.process;
            if (p == null) {
                continue;
            }
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            stopPostgres();
        } catch (Exception e) {
            System.err.println("[chaos] stopping PostgreSQL: " + e.getMessage());
        }
        try {
            if (kafka != null) {
                kafka.stop(Duration.ofSeconds(20));
            }
        } catch (Exception e) {
            System.err.println("[chaos] stopping Kafka: " + e.getMessage());
        }
    }

    /** A port for one of the run's processes, outside the kernel's ephemeral range ({@link Ports}). */
    static int freePort() throws IOException {
        return Ports.free();
    }

}
