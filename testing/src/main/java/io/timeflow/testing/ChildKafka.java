package io.timeflow.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka broker (KRaft, one combined broker and controller) in a child JVM, its log kept in a
 * directory between starts, on fixed ports: what the launcher runs, and what tests use when they
 * must stop and restart the broker. The child runs {@code kafka.Kafka} from this JVM's class path.
 */
public final class ChildKafka implements AutoCloseable {

    /**
     * The broker's JVM in the suite's local run (the launcher, the e2e suite, the fault run): a small heap, the serial
     * collector, and C1 only. C2 cost the broker about 2 s of CPU in a start of the suite (5.1-5.6 s with it, 3.1 s
     * without, on 2 cores where every process starts at once), and no measurable CPU per restore report under load
     * (0.35-0.40 ms per call either way, ADR 0141).
     */
    public static final List<String> LOCAL_RUN_OPTIONS =
            List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final List<String> jvmOptions;
    private Process process;

    public ChildKafka(Path dir, int port, int controllerPort, List<String> jvmOptions) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Process process() {
        return process;
    }

    /** Formats the storage on first use, starts the broker and waits until it answers (or fails). */
    public synchronized void start(Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.createDirectories(dir);
        Path config = writeConfig();
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            String clusterId = clusterId();
            // "--cluster-id=<id>" in one argument: a base64url id may start with '-', which the tool's argument
            // parser would take for an option (one start in 64 failed)
            Process format = java(List.of("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId, "-c",
                    config.toString()), dir.resolve("format.log"));
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IOException("formatting Kafka storage failed; see " + dir.resolve("format.log"));
            }
        }
        process = java(List.of("kafka.Kafka", config.toString()), dir.resolve("broker.log"));
        awaitReady(timeout);
    }

    /** Stops the broker (SIGTERM, then SIGKILL after the grace period); its log stays for the next start. */
    public synchronized void stop(Duration grace) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(20));
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("logs").toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.retention.hours", "168");
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "written by Timeflow on every start");
        }
        return file;
    }

    /**
     * A random cluster id, never starting with '-' (the storage tool's argument parser would read it as an option
     * and refuse to format: one start in 64 failed so; Kafka's own Uuid.randomUuid avoids it the same way).
     */
    static String clusterId() {
        while (true) {
            UUID u = UUID.randomUUID();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
            b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private Process java(List<String> args, Path log) throws IOException {
        Path logConfig = dir.resolve("log4j2.properties");
        Files.writeString(logConfig, """
                status = warn
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
                rootLogger.level = warn
                rootLogger.appenderRef.console.ref = console
                logger.started.name = kafka.server.KafkaRaftServer
                logger.started.level = info
                """);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dlog4j2.configurationFile=" + logConfig);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker exited with " + process.exitValue() + "; see "
                        + dir.resolve("broker.log"));
            }
            if (portOpen()) {
                Properties p = new Properties();
                p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
                p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
                p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
                try (Admin admin = Admin.create(p)) {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    // not ready yet
                }
            }
            Thread.sleep(200);
        }
        throw new IOException("the Kafka broker did not become ready within " + timeout);
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
