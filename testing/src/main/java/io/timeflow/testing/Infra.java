package io.timeflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The PostgreSQL server and Kafka broker of this test JVM: each started on first use, once, and
 * stopped when the JVM exits (PostgreSQL first, then the broker). Every role gets the same
 * password here; the launcher and production use one per role.
 */
public final class Infra {

    /** The password of every service role in tests. Not a secret: the server lives for one test run. */
    public static final String ROLE_PASSWORD = "timeflow-test-role";

    private static Path baseDir;
    private static Postgres postgres;
    private static InProcessKafka kafka;

    private Infra() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            try {
                Map<String, String> passwords = new LinkedHashMap<>();
                DatabaseBootstrap.SCHEMAS.forEach(s -> passwords.put(s, ROLE_PASSWORD));
                long t0 = System.nanoTime();
                postgres = Postgres.start(baseDir().resolve("pg-data"), 0, passwords);
                log("PostgreSQL ready on port %d in %d ms", postgres.port(), (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test PostgreSQL: " + e.getMessage(), e);
            }
        }
        return postgres;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            try {
                long t0 = System.nanoTime();
                kafka = InProcessKafka.start(baseDir().resolve("kafka"));
                log("Kafka broker ready at %s in %d ms", kafka.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test Kafka broker: " + e.getMessage(), e);
            }
        }
        return kafka.bootstrapServers();
    }

    private static synchronized Path baseDir() throws IOException {
        if (baseDir == null) {
            Path target = Path.of("target");
            Path parent = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
            baseDir = Files.createTempDirectory(parent.toAbsolutePath(), "timeflow-infra-");
            Runtime.getRuntime().addShutdownHook(new Thread(Infra::shutdown, "timeflow-infra-stop"));
        }
        return baseDir;
    }

    private static synchronized void shutdown() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            log("stopping PostgreSQL failed: %s", e.getMessage());
        }
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            log("stopping Kafka failed: %s", e.getMessage());
        }
        deleteQuietly(baseDir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // leftovers under target/ are removed by the next clean
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[timeflow-infra] " + format + "%n", args);
    }
}
