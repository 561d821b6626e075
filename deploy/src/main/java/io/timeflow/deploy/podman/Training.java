package io.timeflow.deploy.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.timeflow.e2e.Endpoints;
import io.timeflow.e2e.Story;
import io.timeflow.testing.DatabaseBootstrap;
import io.timeflow.testing.Ports;
import io.timeflow.testing.Scratch;
import io.timeflow.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Records each application image's JDK AOT cache with the image itself: the containers start
 * together with {@code -XX:AOTCacheOutput} against ci-postgresql and ci-kafka on a network of their
 * own, with the chart's JVM options and memory limits (so the JVM makes the same choices as in a pod);
 * then the end-to-end story is told through the generated clients (when the four services of the story
 * are among them) and every service's health, metrics and OpenAPI document are read; then they are
 * stopped (SIGTERM) and each JVM writes its cache. Throw-away secrets, nothing of which ends in an image.
 */
final class Training {

    static final String CONSOLE = "console";
    static final Set<String> STORY = Set.of("staging-service", "snapshot-service", "plugin-service", "backup-service");
    static final Duration READY = Duration.ofMinutes(8);

    private final Podman podman;
    private final Path dir;
    private final Path project;
    private final String network = "timeflow-training";
    private final String prefix = "timeflow-training-";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Training(Podman podman, Path dir, Path project) {
        this.podman = podman;
        this.dir = dir;
        this.project = project;
    }

    /** Runs the training and returns the AOT cache each image recorded. */
    Map<ImageList.App, Path> record(Map<ImageList.App, String> images, String postgresqlImage, String kafkaImage)
            throws Exception {
        Scratch.deleteTree(dir);
        Files.createDirectories(dir);
        cleanUp(images.keySet());
        long t0 = System.nanoTime();
        Map<ImageList.App, Path> caches = new LinkedHashMap<>();
        try {
            podman.run("network", "create", network);
            String pgPassword = Scratch.randomText(18);
            Map<String, String> rolePasswords = new LinkedHashMap<>();
            for (String schema : DatabaseBootstrap.SCHEMAS) {
                rolePasswords.put(schema, Scratch.randomText(18));
            }
            int pgPort = Ports.free();
            Path pgEnv = envFile("postgresql", Map.of("POSTGRES_PASSWORD", pgPassword));
            podman.run("run", "-d", "--name", prefix + "postgresql", "--network", network, "--env-file", pgEnv.toString(),
                    "-p", "127.0.0.1:" + pgPort + ":5432", postgresqlImage);
            podman.run("run", "-d", "--name", prefix + "kafka", "--network", network,
                    "-e", "KAFKA_ADVERTISED_HOST=" + prefix + "kafka", kafkaImage);
            bootstrapDatabase(pgPort, pgPassword, rolePasswords);
            awaitLog(prefix + "kafka", "Kafka Server started", Duration.ofMinutes(3));
            ImageBuild.say("training: PostgreSQL and Kafka ready; starting %s", names(images.keySet()));

            KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            Path jwt = dir.resolve("public-key.pem");
            Files.writeString(jwt, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            Map<String, String> shared = Map.of("TIMEFLOW_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(Scratch.randomBytes(32)),
                    "TIMEFLOW_BACKUP_PASSPHRASE", Scratch.randomText(24));
            Map<ImageList.App, int[]> ports = new LinkedHashMap<>();
            for (var e : images.entrySet()) {
                ImageList.App app = e.getKey();
                Path out = Files.createDirectories(dir.resolve(app.name()));
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
                int[] p = {Ports.free(), Ports.free()};
                ports.put(app, p);
                ChartDefaults d = ChartDefaults.of(project, app.name());
                Map<String, String> env = new LinkedHashMap<>(shared);
                String key = app.name().replaceFirst("-service$", "");
                env.put("JAVA_OPTS", d.trainingJavaOptions());
                env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + prefix + "postgresql:5432/"
                        + DatabaseBootstrap.DATABASE + "?sslmode=disable");
                env.put("QUARKUS_DATASOURCE_USERNAME", DatabaseBootstrap.roleOf(key));
                env.put("QUARKUS_DATASOURCE_PASSWORD", rolePasswords.getOrDefault(key, ""));
                env.put("KAFKA_BOOTSTRAP_SERVERS", prefix + "kafka:9092");
                env.put("TIMEFLOW_CONSUMER_GROUP", app.name());
                env.put("TIMEFLOW_KAFKA_TOPIC_REPLICATION_FACTOR", "1");
                env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/etc/timeflow/jwt/public-key.pem");
                env.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
                env.put("MP_JWT_VERIFY_AUDIENCES", TestTokens.AUDIENCE);
                env.put("TIMEFLOW_BACKUP_STORAGE_DIRECTORY", "/var/lib/timeflow/backups");
                // the console's upstreams: the services of this training, by container name
                for (String svc : STORY) {
                    env.put("TIMEFLOW_" + svc.replaceFirst("-service$", "").toUpperCase(java.util.Locale.ROOT) + "_URL",
                            "http://" + prefix + svc + ":8080");
                }
                List<String> cmd = new ArrayList<>(List.of("run", "-d", "--name", prefix + app.name(), "--network", network,
                        "--memory", d.trainingMemoryLimit(), "--env-file", envFile(app.name(), env).toString(),
                        "-v", out + ":/aot", "-v", jwt + ":/etc/timeflow/jwt/public-key.pem:ro",
                        "-p", "127.0.0.1:" + p[0] + ":8080", "-p", "127.0.0.1:" + p[1] + ":9000",
                        "--entrypoint", "/bin/sh", e.getValue(), "-c"));
                // the same java command line as the image's start script, recording the cache
                String polyglot = "p=; [ -d " + ImageBuild.POLYGLOT_RESOURCES + " ] && p=-Dpolyglot.engine.resourcePath=/opt/timeflow/"
                        + ImageBuild.POLYGLOT_RESOURCES + "; ";
                cmd.add(app.kind() == ImageList.Kind.QUARKUS_APP
                        ? "cd /opt/timeflow && " + polyglot + "exec java -XX:AOTCacheOutput=/aot/app.aot -Dquarkus.appcds.generate=true $p $JAVA_OPTS -jar quarkus-run.jar"
                        : "cd /opt/timeflow && " + polyglot + "exec java -XX:AOTCacheOutput=/aot/app.aot $p $JAVA_OPTS -jar quarkus-run.jar");
                podman.run(cmd);
            }
            for (var e : ports.entrySet()) {
                if (e.getKey().kind() == ImageList.Kind.QUARKUS_SERVICE) {
                    awaitReady(e.getKey(), e.getValue()[1]);
                }
            }
            ImageBuild.say("training: every service ready after %.0f s; telling the story", (System.nanoTime() - t0) / 1e9);
            String token = TestTokens.token("image-training", Set.of("admin"), TestTokens.ISSUER, TestTokens.AUDIENCE,
                    Instant.now().plus(Duration.ofHours(1)), keys.getPrivate());
            Map<String, URI> api = new LinkedHashMap<>();
            ports.forEach((app, p) -> api.put(app.name(), URI.create("http://127.0.0.1:" + p[0])));
            if (api.keySet().containsAll(STORY)) {
                new Story(new Endpoints(api.get("staging-service"), api.get("snapshot-service"), api.get("plugin-service"),
                        api.get("backup-service"), token), Story.Narrator.silent()).tell();
            }
            if (api.containsKey(CONSOLE)) {
                // the console's own work: its pages, and each API through its prefix router
                for (String path : List.of("/", "/index.html", "/api/v1/dsources", "/api/v1/snapshots",
                        "/api/v1/plugins", "/api/v1/backups")) {
                    get(api.get(CONSOLE).resolve(path), token);
                }
            }
            for (var e : ports.entrySet()) {
                if (e.getKey().kind() == ImageList.Kind.QUARKUS_SERVICE) {
                    for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi")) {
                        get(URI.create("http://127.0.0.1:" + e.getValue()[1] + path), null);
                        get(URI.create("http://127.0.0.1:" + e.getValue()[0] + path), token);
                    }
                }
            }
            ImageBuild.say("training: workload done after %.0f s; stopping (each JVM writes its AOT cache)",
                    (System.nanoTime() - t0) / 1e9);
            ExecutorService pool = Executors.newFixedThreadPool(images.size());
            List<Future<?>> stops = new ArrayList<>();
            for (ImageList.App app : images.keySet()) {
                stops.add(pool.submit(() -> podman.run("stop", "--time", "600", prefix + app.name())));
            }
            for (Future<?> f : stops) {
                f.get();
            }
            pool.shutdown();
            for (ImageList.App app : images.keySet()) {
                Path cache = dir.resolve(app.name()).resolve("app.aot");
                if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                    throw new IOException(app.name() + " wrote no AOT cache; its log:\n"
                            + Podman.tail(podman.attempt("logs", prefix + app.name()).output(), 30));
                }
                caches.put(app, cache);
            }
            ImageBuild.say("training: %d AOT caches recorded in %.0f s", caches.size(), (System.nanoTime() - t0) / 1e9);
            return caches;
        } catch (Exception e) {
            for (ImageList.App app : images.keySet()) {
                Files.writeString(dir.resolve(app.name() + ".log"), podman.attempt("logs", prefix + app.name()).output());
            }
            throw new IOException("training failed: " + e.getMessage() + " (container logs in " + dir + ")", e);
        } finally {
            cleanUp(images.keySet());
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".env")).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private void cleanUp(Iterable<ImageList.App> apps) throws IOException {
        for (ImageList.App app : apps) {
            podman.attempt("rm", "-f", "-t", "5", prefix + app.name());
        }
        podman.attempt("rm", "-f", "-t", "5", prefix + "kafka");
        podman.attempt("rm", "-f", "-t", "5", prefix + "postgresql");
        podman.attempt("network", "rm", "-f", network);
    }

    private void bootstrapDatabase(int port, String password, Map<String, String> rolePasswords) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                DatabaseBootstrap.apply("127.0.0.1", port, "postgres", password, rolePasswords);
                return;
            } catch (java.sql.SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not accept the bootstrap: " + e.getMessage() + "; its log:\n"
                            + Podman.tail(podman.attempt("logs", prefix + "postgresql").output(), 20));
                }
                Thread.sleep(500);
            }
        }
    }

    private void awaitLog(String container, String line, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Podman.Result logs = podman.attempt("logs", container);
            if (logs.output().contains(line)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException(container + " did not log '" + line + "' within " + timeout + "; its log:\n"
                + Podman.tail(podman.attempt("logs", container).output(), 20));
    }

    private void awaitReady(ImageList.App app, int managementPort) throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (get(ready, null) == 200) {
                return;
            }
            String state = podman.attempt("inspect", "--format", "{{.State.Status}}", prefix + app.name()).output().strip();
            if (state.equals("exited")) {
                throw new IOException(app.name() + " exited during training; its log:\n"
                        + Podman.tail(podman.attempt("logs", prefix + app.name()).output(), 30));
            }
            Thread.sleep(500);
        }
        throw new IOException(app.name() + " was not ready within " + READY);
    }

    private int get(URI uri, String token) {
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
            if (token != null) {
                r.header("Authorization", "Bearer " + token);
            }
            return http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Secrets reach the containers through a file only this user can read, never a command line. */
    private Path envFile(String name, Map<String, String> env) throws IOException {
        Path f = dir.resolve(name + ".env");
        Files.deleteIfExists(f);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder b = new StringBuilder();
        env.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
        return f;
    }

    private static String names(Iterable<ImageList.App> apps) {
        List<String> n = new ArrayList<>();
        apps.forEach(a -> n.add(a.name()));
        return String.join(", ", n);
    }

    /**
     * The chart's JVM options and memory limit of a service (values.yaml: default, then services.<key>),
     * and how the training container mirrors them: the JVM is told the pod's memory ({@code MaxRAM}) and,
     * where the pod's limit makes it choose the serial collector, not to act as a server-class machine,
     * so it sizes its heap and picks its collector as in the pod; the container itself gets a gibibyte
     * more, for the second JVM that writes the AOT cache when the first one exits.
     */
    record ChartDefaults(String javaOptions, String memoryLimit) {

        /** Below this much memory (or with fewer than two processors) HotSpot picks the serial collector. */
        static final long SERVER_CLASS_BYTES = (2048L - 256) << 20;

        String trainingJavaOptions() {
            long bytes = bytes(memoryLimit);
            return javaOptions + " -XX:MaxRAM=" + bytes + (bytes < SERVER_CLASS_BYTES ? " -XX:+NeverActAsServerClassMachine" : "");
        }

        String trainingMemoryLimit() {
            return ((bytes(memoryLimit) >> 20) + 1024) + "m";
        }

        static long bytes(String podmanQuantity) {
            long n = Long.parseLong(podmanQuantity.substring(0, podmanQuantity.length() - 1));
            return switch (podmanQuantity.charAt(podmanQuantity.length() - 1)) {
                case 'm' -> n << 20;
                case 'g' -> n << 30;
                default -> throw new IllegalArgumentException(podmanQuantity);
            };
        }

        static ChartDefaults of(Path project, String imageName) throws IOException {
            JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(
                    project.resolve("deploy/helm/timeflow/values.yaml").toFile());
            String key = imageName.replaceFirst("-service$", "");
            JsonNode svc = values.path("services").path(key);
            JsonNode def = values.path("default");
            String opts = svc.path("javaOptions").asText(def.path("javaOptions").asText(""));
            String mem = svc.path("resources").path("limits").path("memory")
                    .asText(def.path("resources").path("limits").path("memory").asText("640Mi"));
            return new ChartDefaults(opts, podmanQuantity(mem));
        }

        /** Kubernetes' 640Mi / 1536Mi / 2Gi as podman's 640m / 1536m / 2g (both binary units). */
        static String podmanQuantity(String k8s) {
            if (k8s.endsWith("Mi")) {
                return k8s.substring(0, k8s.length() - 2) + "m";
            }
            if (k8s.endsWith("Gi")) {
                return k8s.substring(0, k8s.length() - 2) + "g";
            }
            throw new IllegalArgumentException("memory limit " + k8s + " (expected Mi or Gi)");
        }
    }
}
