package io.timeflow.deploy;

import io.timeflow.testing.Infra;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TimeflowTestResource;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Time to ready and memory of each service, started from its packaged application against a real
 * PostgreSQL and Kafka broker, without and with a JDK 25 AOT cache. Prints figures; asserts
 * nothing about time.
 *
 * <pre>
 * mvn -Paot -pl staging-service,snapshot-service -am package -DskipTests   # aot-jar + app.aot
 * mvn -Pbenchmark -pl deploy -am verify -Dtest=StartupBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * For every service whose target/quarkus-app exists, three ways to start, each {@value #RUNS} times
 * (median shown): no cache; the cache the Maven build recorded (mvn -Paot, training phase
 * "build": start-up only); a cache recorded here by a training run that serves real requests
 * against the database and broker (what a deployment could record with production-like traffic).
 * Time to ready: from process start to the first 200 from /q/health/ready. Memory: resident set
 * size right then.
 */
@Tag("benchmark")
class StartupBenchmark {

    static final int RUNS = 3;
    static final String JVM_OPTIONS = "-Xmx512m";

    record Figure(long readyMillis, long rssKib) {
    }

    @Test
    void timeToReadyAndMemoryWithAndWithoutTheAotCache() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> apps = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(m -> m.getFileName().toString().endsWith("-service")).sorted()
                    .map(m -> m.resolve("target/quarkus-app"))
                    .filter(a -> Files.exists(a.resolve("quarkus-run.jar"))).forEach(apps::add);
        }
        if (apps.isEmpty()) {
            System.out.println("StartupBenchmark: no packaged service (run mvn -Paot -pl <service> -am package -DskipTests first)");
            return;
        }
        Infra.postgres();
        Infra.kafkaBootstrapServers();
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "startup-");

        StringBuilder table = new StringBuilder();
        table.append(String.format("%n%-18s %-44s %12s %12s%n", "service", "start", "ready (ms)", "RSS (MiB)"));
        for (Path app : apps) {
            String service = app.getParent().getParent().getFileName().toString();
            Map<String, List<String>> modes = new LinkedHashMap<>();
            modes.put("no AOT cache", List.of());
            if (Files.exists(app.resolve("app.aot"))) {
                modes.put("AOT cache from the build (mvn -Paot)", List.of("-XX:AOTCache=app.aot"));
            }
            Path trained = work.resolve(service + "-trained.aot");
            train(service, app, trained, work);
            if (Files.exists(trained)) {
                modes.put("AOT cache trained on real requests", List.of("-XX:AOTCache=" + trained));
            }
            String packaging = Files.exists(app.resolve("app.aot")) ? "aot-jar" : "fast-jar";
            for (var mode : modes.entrySet()) {
                List<Figure> figures = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    figures.add(start(service, app, mode.getValue(), work, null).figure());
                }
                Figure median = median(figures);
                table.append(String.format("%-18s %-44s %12d %12d%n", service, mode.getKey(),
                        median.readyMillis(), median.rssKib() / 1024));
            }
            table.append(String.format("%-18s (packaging %s, %s, %d runs each, median)%n", "", packaging,
                    Runtime.version(), RUNS));
        }
        System.out.println(table);
        Files.writeString(work.resolve("figures.txt"), table.toString());
    }

    /** Starts the service recording an AOT cache, serves real requests, stops it so the JVM writes the cache. */
    private static void train(String service, Path app, Path cache, Path work) throws Exception {
        Started s = start(service, app, List.of("-XX:AOTCacheOutput=" + cache), work, client -> {
            String token = TestTokens.admin();
            for (int i = 0; i < 30; i++) {
                for (String path : Manifests.INGRESS_PATHS.getOrDefault(service.replace("-service", ""), List.of())) {
                    send(client, HttpRequest.newBuilder(URI.create("http://localhost:" + client.apiPort + path))
                            .header("Authorization", "Bearer " + token).GET().build());
                }
                send(client, HttpRequest.newBuilder(URI.create("http://localhost:" + client.apiPort + "/q/openapi")).GET().build());
            }
        });
        s.process().destroy();
        if (!s.process().waitFor(180, TimeUnit.SECONDS)) {
            s.process().destroyForcibly();
        }
    }

    record Client(HttpClient http, int apiPort) {
    }

    interface Traffic {
        void run(Client client) throws Exception;
    }

    record Started(Process process, Figure figure) {
    }

    private static void send(Client client, HttpRequest request) {
        try {
            client.http().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // a refused request is still traffic for the training run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Started start(String service, Path app, List<String> jvmFlags, Path work, Traffic traffic) throws Exception {
        int api = freePort();
        int management = freePort();
        String schema = service.replace("-service", "");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(JVM_OPTIONS);
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add("quarkus-run.jar");
        ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(service + "-" + System.nanoTime() + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(api));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", Infra.postgres().jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", "timeflow_" + schema);
        env.put("QUARKUS_DATASOURCE_PASSWORD", Infra.ROLE_PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", Infra.kafkaBootstrapServers());
        env.put("TIMEFLOW_ENCRYPTION_KEY", TimeflowTestResource.TEST_ENCRYPTION_KEY);
        env.put("TIMEFLOW_CONSUMER_GROUP", service + "-benchmark");
        env.put("TIMEFLOW_KAFKA_TOPIC_PARTITIONS", "3");
        env.put("MP_JWT_VERIFY_PUBLICKEY", TestTokens.publicKeyPem());
        env.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", TestTokens.AUDIENCE);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean handedOver = false;
        try {
            URI ready = URI.create("http://localhost:" + management + "/q/health/ready");
            long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(service + " exited with " + p.exitValue() + " before it was ready");
                }
                try {
                    if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service + " not ready within 180 s");
                }
                Thread.sleep(20);
            }
            long readyMillis = (System.nanoTime() - t0) / 1_000_000;
            long rss = rssKib(p.pid());
            if (traffic != null) {
                traffic.run(new Client(http, api));
                handedOver = true;
            }
            return new Started(p, new Figure(readyMillis, rss));
        } finally {
            if (!handedOver) {
                p.destroy();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static Figure median(List<Figure> figures) {
        List<Long> ready = figures.stream().map(Figure::readyMillis).sorted().toList();
        List<Long> rss = figures.stream().map(Figure::rssKib).sorted().toList();
        return new Figure(ready.get(ready.size() / 2), rss.get(rss.size() / 2));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
