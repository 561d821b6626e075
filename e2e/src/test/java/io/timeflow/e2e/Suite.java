package io.timeflow.e2e;

import io.timeflow.testing.ChildKafka;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The suite as it runs in production, on this machine: one real PostgreSQL (with the database, roles
 * and schemas an administrator creates), one real Kafka broker in a child JVM, and the four services
 * started from their packaged jars ({@code <service>/target/quarkus-app/quarkus-run.jar}) with the
 * environment the launcher and the Helm chart give them. Started once per test JVM; a service can be
 * killed and started again on the same ports, and so can the broker (with its data).
 */
final class Suite implements SuiteUnderTest {

    static final List<String> SERVICES = List.of("staging", "snapshot", "plugin", "backup");
    static final Duration READY = Duration.ofMinutes(5);

    private static Suite shared;
    private static Suite second;

    private final Path projectDir;
    private final Path dir;
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final String encryptionKey;
    private final String backupPassphrase;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Postgres postgres;
    private ChildKafka kafka;
    private Process agent;

    /** The agent's name; it serves the LINUX environment {@link #AGENT_ENVIRONMENT} of its stand-in host. */
    static final String AGENT = "e2e-agent";
    static final String AGENT_ENVIRONMENT = "e2e-staging";

    private Suite(Path projectDir, Path dir) {
        this.projectDir = projectDir;
        this.dir = dir;
        for (String s : SERVICES) {
            passwords.put(s, Scratch.randomText(18));
        }
        this.encryptionKey = Base64.getEncoder().encodeToString(Scratch.randomBytes(32));
        this.backupPassphrase = Scratch.randomText(24);
    }

    /** The suite of this test JVM, started on first use and stopped when the JVM exits. */
    static synchronized Suite shared() throws Exception {
        if (shared == null) {
            Path project = Path.of(System.getProperty("timeflow.project.dir", "..")).toAbsolutePath().normalize();
            if (!Files.isDirectory(project.resolve("staging-service")) && project.getParent() != null) {
                project = project.getParent(); // Maven started inside e2e/
            }
            Suite suite = new Suite(project, project.resolve("e2e").resolve("target").resolve("suite"));
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll, "e2e-suite-stop"));
            suite.startAll();
            shared = suite;
        }
        return shared;
    }

    /**
     * A second installation in the same test JVM (another PostgreSQL, broker, data-encryption key and
     * backup passphrase, as on another machine), started on first use and stopped when the JVM exits:
     * restores from one installation onto another.
     */
    static synchronized Suite second() throws Exception {
        if (second == null) {
            Suite first = shared();
            Suite suite = new Suite(first.projectDir, first.projectDir.resolve("e2e").resolve("target").resolve("suite-b"));
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll, "e2e-suite-b-stop"));
            suite.startAll();
            second = suite;
        }
        return second;
    }

    /** The installation's data-encryption key (base64). */
    String encryptionKey() {
        return encryptionKey;
    }

    /** The installation's backup passphrase (the one its archives are made with). */
    String backupPassphrase() {
        return backupPassphrase;
    }

    /** JDBC URL of the installation's database (a superuser, postgres, may connect without a password). */
    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** Endpoints for the generated clients, with an admin token the services trust. */
    @Override
    public Endpoints endpoints() {
        return new Endpoints(api("staging"), api("snapshot"), api("plugin"), api("backup"), TestTokens.admin());
    }

    private URI api(String service) {
        return URI.create("http://localhost:" + httpPorts.get(service));
    }

    private void startAll() throws Exception {
        long t0 = System.nanoTime();
        Scratch.deleteTree(dir);
        Files.createDirectories(dir.resolve("logs"));
        for (String s : SERVICES) {
            httpPorts.put(s, freePort());
            managementPorts.put(s, freePort());
        }
        Files.writeString(dir.resolve("jwt-public.pem"), TestTokens.publicKeyPem());
        postgres = Postgres.start(dir.resolve("postgres"), 0, passwords);
        int kafkaPort = freePort();
        kafka = new ChildKafka(dir.resolve("kafka"), kafkaPort, freePort(), ChildKafka.LOCAL_RUN_OPTIONS);
        kafka.start(Duration.ofMinutes(2));
        for (String s : SERVICES) {
            start(s);
        }
        for (String s : SERVICES) {
            awaitReady(s);
        }
        System.out.printf("[e2e] suite ready in %.1f s (PostgreSQL %d, Kafka %s, services %s)%n",
                (System.nanoTime() - t0) / 1e9, postgres.port(), kafka.bootstrapServers(), httpPorts);
    }

    /** Starts a service's packaged jar (again, after a kill: same ports, same database, same broker). */
    synchronized void start(String service) throws IOException {
        Path app = projectDir.resolve(service + "-service").resolve("target").resolve("quarkus-app");
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: the service is packaged before this module (mvn verify)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "plugin".equals(service) ? "-Xmx512m" : "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(service).toFile()));
        pb.environment().putAll(environment(service));
        processes.put(service, pb.start());
    }

    private Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPorts.get(service)));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPorts.get(service)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", "timeflow_" + service);
        env.put("QUARKUS_DATASOURCE_PASSWORD", passwords.get(service));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TIMEFLOW_ENCRYPTION_KEY", encryptionKey);
        env.put("TIMEFLOW_BACKUP_PASSPHRASE", backupPassphrase);
        env.put("TIMEFLOW_BACKUP_DIRECTORY", dir.resolve("backups").toString());
        env.put("TIMEFLOW_BACKUP_RESTORE_DATABASE_DIRECTORY", dir.resolve("postgres").toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dir.resolve("jwt-public.pem").toUri().toString());
        env.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
        env.put("TIMEFLOW_ENGINE_ID_FILE", dir.resolve("engine-id").toString());
        // the stories time no upgrade: plugin-service's warm-up after start (ADR 0036) would only
        // take the CI machine's two cores from them
        env.put("TIMEFLOW_PLUGIN_WARM_UP_OBJECTS", "0");
        // key rotations finish within the tests: re-seal passes every 2 s, a key retired 3 s after nothing needs it
        env.put("TIMEFLOW_ENCRYPTION_RESEAL_INTERVAL", "2s");
        env.put("TIMEFLOW_ENCRYPTION_RETIRE_AFTER", "3s");
        env.put("TIMEFLOW_ENCRYPTION_RING_REFRESH", "1s");
        for (String other : SERVICES) {
            env.put("TIMEFLOW_" + other.toUpperCase() + "_URL", "http://localhost:" + httpPorts.get(other));
        }
        return env;
    }

    /** Waits until the service's readiness check answers 200. */
    void awaitReady(String service) throws Exception {
        URI ready = URI.create("http://localhost:" + managementPorts.get(service) + "/q/health/ready");
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = processes.get(service);
            if (!p.isAlive()) {
                throw new IOException(service + "-service exited with " + p.exitValue() + "; its log: " + log(service));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException(service + "-service was not ready within " + READY + "; its log: " + log(service));
    }

    /** SIGKILL: the service gets no chance to finish anything. */
    @Override
    public synchronized void kill(String service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(service + "-service did not die");
        }
    }

    @Override
    public void restart(String service) throws Exception {
        start(service);
        awaitReady(service);
    }

    @Override
    public void stopKafka() throws InterruptedException {
        kafka.stop(Duration.ofSeconds(30));
    }

    @Override
    public void startKafka() throws Exception {
        kafka.start(Duration.ofMinutes(2));
    }

    /**
     * Starts the packaged agent ({@code agent/target/timeflow-agent.jar}) against a stand-in host
     * directory, with an API key of the role agent (made once), a 5 s lease and a 2 s watch interval;
     * again after a kill, with the same state directory.
     */
    synchronized void startAgent() throws Exception {
        Path jar = projectDir.resolve("agent").resolve("target").resolve("timeflow-agent.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: the agent is packaged before this module (mvn verify)");
        }
        Path key = dir.resolve("agent-api-key");
        if (!Files.exists(key)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api("staging") + "/api/v1/api-keys"))
                    .header("Authorization", "Bearer " + TestTokens.admin()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"e2e-agent\", \"role\": \"agent\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"key\"\\s*:\\s*\"(tfk_[^\"]+)\"").matcher(r.body());
            if (r.statusCode() != 201 || !m.find()) {
                throw new IOException("no API key for the agent: " + r.statusCode() + " " + r.body());
            }
            Files.writeString(key, m.group(1));
        }
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--name", AGENT,
                "--environment", AGENT_ENVIRONMENT, "--host", "localhost", "--os", "LINUX", "--time-zone", "UTC",
                "--stand-in", agentHost().toString(), "--state-dir", dir.resolve("agent-state").toString(),
                "--api-key-file", key.toString(), "--poll-interval", "500ms", "--watch-interval", "2s", "--lease", "5s");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log("agent").toFile()));
        pb.environment().put("TIMEFLOW_STAGING_URL", api("staging").toString());
        pb.environment().put("TIMEFLOW_SNAPSHOT_URL", api("snapshot").toString());
        agent = pb.start();
    }

    /** SIGKILL: the agent gets no chance to report or to stop its hook. */
    synchronized void killAgent() throws InterruptedException {
        if (agent != null) {
            agent.destroyForcibly();
            agent.waitFor(30, TimeUnit.SECONDS);
        }
    }

    boolean agentAlive() {
        return agent != null && agent.isAlive();
    }

    Path agentHost() {
        return dir.resolve("agent-host");
    }

    /** Runs {@code timeflow-agent standin ...} on the agent's stand-in host: what SSMS or RESTORE would do. */
    void standIn(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", projectDir.resolve("agent").resolve("target").resolve("timeflow-agent.jar").toString(), "standin"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--dir", agentHost().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("standin " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Override
    public Path log(String service) {
        return dir.resolve("logs").resolve(service + "-service.log");
    }

    private synchronized void stopAll() {
        if (agent != null) {
            agent.destroy();
            try {
                agent.waitFor(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                agent.destroyForcibly();
            }
        }
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            System.err.println("[e2e] stopping PostgreSQL: " + e.getMessage());
        }
        try {
            if (kafka != null) {
                kafka.stop(Duration.ofSeconds(20));
            }
        } catch (Exception e) {
            System.err.println("[e2e] stopping Kafka: " + e.getMessage());
        }
    }

    /** Outside the ephemeral range: FaultIT restarts a killed service on its port ({@link Ports}). */
    private static int freePort() throws IOException {
        return Ports.free();
    }

}
