package io.timeflow.deploy.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code ./timeflow kube}: the Helm chart really started, with podman. Renders the chart (helm-java)
 * with ci/podman-values.yaml and throw-away secrets, plays ci-postgresql and ci-kafka
 * (deploy/kube/infrastructure.yaml), then the chart's pre-install hooks (the database bootstrap Job),
 * then its Deployments, two copies of each by default, changed only where podman needs it
 * ({@link PodmanManifests}); waits for every readiness probe and prints the URLs, the time each
 * container took from start to ready, its memory and each image's size. {@code ./timeflow kube down}
 * removes every pod, container, volume, secret and the network it made.
 */
public final class KubeRun {

    static final String RELEASE = "timeflow";
    static final String NETWORK = "timeflow-kube";
    static final List<String> SERVICE_ORDER = List.of("staging", "snapshot", "plugin", "backup");
    /** Host port order: the console first (on the base's API port, as ./timeflow up has it), then the services. */
    static final List<String> PORT_ORDER = List.of("console", "staging", "snapshot", "plugin", "backup");
    static final Duration READY = Duration.ofMinutes(10);

    private final Path project;
    private final Path state;
    private final Podman podman;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private KubeRun(Path project, Path state) throws IOException {
        this.project = project;
        this.state = state;
        Files.createDirectories(state);
        this.podman = new Podman(state.resolve("podman.log"));
    }

    public static void main(String[] args) {
        List<String> list = new ArrayList<>(List.of(args));
        String command = list.isEmpty() ? "up" : list.remove(0);
        int copies = 2;
        int portBase = 25000;
        Path project = Path.of(System.getProperty("timeflow.home", "")).toAbsolutePath();
        Path state = project.resolve(".timeflow/kube");
        try {
            for (int i = 0; i < list.size(); i++) {
                switch (list.get(i)) {
                    case "--copies" -> copies = Integer.parseInt(list.get(++i));
                    case "--port-base" -> portBase = Integer.parseInt(list.get(++i));
                    case "--state-dir" -> state = Path.of(list.get(++i)).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown option " + list.get(i));
                }
            }
            if (copies < 1 || copies > 3) {
                throw new IllegalArgumentException("--copies is 1, 2 or 3");
            }
            KubeRun run = new KubeRun(project, state);
            switch (command) {
                case "up" -> run.up(copies, portBase);
                case "down" -> run.down();
                case "status" -> run.status();
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("usage: ./timeflow kube [up] [--copies 1|2|3] [--port-base 25000] | ./timeflow kube down | status\n"
                    + e.getMessage());
            System.exit(2);
        } catch (Exception | Error e) {
            System.err.println("[kube] FAILED: " + e.getMessage()
                    + "\n  what was started stays for a look (podman ps -a; logs in .timeflow/kube/podman.log); ./timeflow kube down removes it");
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------ up

    private void up(int copies, int portBase) throws Exception {
        long t0 = System.nanoTime();
        if (Files.exists(state.resolve("played"))) {
            throw new IOException("a deployment is up already (" + state + "): ./timeflow kube down first");
        }
        Properties images = images();
        String tag = images.getProperty("tag");
        say("images %s (tag %s); %d cop%s of each service; log: %s", project.relativize(imagesFile()), tag, copies,
                copies == 1 ? "y" : "ies", podman.log());

        // throw-away secrets of this deployment, kept (mode 600) in the state directory until `down`
        Map<String, String> rolePasswords = new LinkedHashMap<>();
        for (String s : SERVICE_ORDER) {
            rolePasswords.put(s, Scratch.randomText(18));
        }
        String adminPassword = Scratch.randomText(18);
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path values = privateFile("values.yaml", overlay(tag, images, copies, rolePasswords, keys));

        String rendered = ChartRender.template(project.resolve("deploy/helm/timeflow"), state.resolve("chart"), RELEASE,
                "timeflow", List.of(project.resolve("deploy/helm/timeflow/ci/podman-values.yaml"), values));
        PodmanManifests plan = PodmanManifests.of(rendered, d -> copies, (deployment, copy, port, containerPort) ->
                hostPort(portBase, deployment, copy, port));
        Files.writeString(state.resolve("played"), "");
        podman.run("network", "create", NETWORK);
        record(state.resolve("networks"), NETWORK);

        // secrets: the chart's, and the administrator of ci-postgresql (the bootstrap Job's adminSecret)
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>(plan.secrets());
        secrets.put("timeflow-postgresql-admin", Map.of("username", b64("postgres"), "password", b64(adminPassword)));
        for (var s : secrets.entrySet()) {
            Path f = privateFile("secret-" + s.getKey() + ".json", PodmanManifests.JSON.writeValueAsString(s.getValue()));
            podman.run("secret", "create", s.getKey(), f.toString());
            record(state.resolve("secrets"), s.getKey());
            Files.delete(f);
        }

        // PostgreSQL and Kafka of this check
        int pgPort = portBase + 432;
        int kafkaPort = portBase + 492;
        String infra = Files.readString(project.resolve("deploy/kube/infrastructure.yaml"))
                .replace("${POSTGRESQL_IMAGE}", images.getProperty("ci-postgresql"))
                .replace("${KAFKA_IMAGE}", images.getProperty("ci-kafka"))
                .replace("${POSTGRESQL_PORT}", String.valueOf(pgPort))
                .replace("${KAFKA_PORT}", String.valueOf(kafkaPort));
        play("10-infrastructure.yaml", infra);
        awaitPostgres(pgPort, adminPassword);
        awaitLog("timeflow-kafka-kafka", "Kafka Server started", Duration.ofMinutes(3));
        say("PostgreSQL (localhost:%d) and Kafka (localhost:%d) ready after %.0f s", pgPort, kafkaPort, secondsSince(t0));

        // the chart's pre-install hooks: the database bootstrap Job (as a pod), after its ConfigMap
        if (!plan.hooks().isEmpty()) {
            play("20-hooks.yaml", PodmanManifests.toYaml(plan.hooks()));
            for (ObjectNode job : plan.jobPods()) {
                String pod = job.path("metadata").path("name").asText();
                String container = pod + "-" + job.path("spec").path("containers").path(0).path("name").asText();
                String code = podman.run("wait", container).strip();
                String logs = podman.attempt("logs", container).output();
                if (!"0".equals(code)) {
                    throw new IOException("the hook " + pod + " (a Job of the chart) exited with " + code + ":\n" + logs);
                }
                say("hook %s: %s", pod, logs.strip().replace("\n", " / "));
            }
        }

        // the Deployments
        Instant playedAt = Instant.now();
        play("30-chart.yaml", PodmanManifests.toYaml(plan.resources()));
        List<Started> started = new ArrayList<>();
        for (PodmanManifests.Copy c : plan.copies()) {
            started.add(awaitReady(c, portBase));
        }
        say("every readiness probe answers 200, %.0f s after ./timeflow kube started (%.0f s after the Deployments were played)",
                secondsSince(t0), Duration.between(playedAt, Instant.now()).toMillis() / 1e3);
        String token = TestTokens.token("kube-admin", Set.of("admin"), TestTokens.ISSUER, TestTokens.AUDIENCE,
                Instant.now().plus(Duration.ofHours(12)), keys.getPrivate());
        writeEndpoints(started, token, pgPort, kafkaPort);
        privateFile("signing-key.pem", "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        printSummary(started, images, pgPort, kafkaPort, plan.leftOut(), token);
    }

    /**
     * Host ports: copy c of component s (0 console, 1 staging ... 4 backup) gets API {@code base+80+s+100c}
     * and management {@code base+90+s+100c}.
     */
    static int hostPort(int base, String deployment, int copy, String portName) {
        String key = deployment.substring(deployment.lastIndexOf('-') + 1);
        int s = PORT_ORDER.indexOf(key);
        if (s < 0) {
            throw new IllegalArgumentException("no host port for " + deployment);
        }
        int offset = switch (portName) {
            case "http", "https" -> 80;
            case "management" -> 90;
            default -> throw new IllegalArgumentException("no host port for port " + portName + " of " + deployment);
        };
        return base + 100 * copy + offset + s;
    }

    private String overlay(String tag, Properties images, int copies, Map<String, String> rolePasswords, KeyPair keys) {
        String pg = images.getProperty("ci-postgresql");
        StringBuilder v = new StringBuilder();
        v.append("# written by ./timeflow kube for this deployment only: throw-away secrets, removed by ./timeflow kube down\n");
        v.append("image:\n  tag: \"").append(tag).append("\"\n");
        v.append("postgresql:\n  bootstrap:\n    image:\n      tag: \"").append(pg.substring(pg.lastIndexOf(':') + 1)).append("\"\n");
        v.append("auth:\n  jwt:\n    publicKey:\n      value: |\n        -----BEGIN PUBLIC KEY-----\n");
        for (String line : Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded()).split("\n")) {
            v.append("        ").append(line).append('\n');
        }
        v.append("        -----END PUBLIC KEY-----\n");
        v.append("secrets:\n  encryptionKey:\n    value: \"").append(Base64.getEncoder().encodeToString(Scratch.randomBytes(32)))
                .append("\"\n  backupPassphrase:\n    value: \"").append(Scratch.randomText(24)).append("\"\n");
        v.append("default:\n  replicas: ").append(copies).append('\n');
        v.append("services:\n");
        for (String s : SERVICE_ORDER) {
            v.append("  ").append(s).append(":\n");
            if (s.equals("backup")) {
                v.append("    replicas: ").append(copies).append('\n');
            }
            v.append("    database:\n      password: \"").append(rolePasswords.get(s)).append("\"\n");
        }
        return v.toString();
    }

    private void play(String name, String yaml) throws IOException {
        Path file = state.resolve(name);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        Podman.Result r = podman.attempt("kube", "play", "--network", NETWORK, file.toString());
        record(state.resolve("played"), name);
        if (!r.ok()) {
            throw new IOException("podman kube play " + name + " failed:\n" + Podman.tail(r.output(), 20));
        }
    }

    private void awaitPostgres(int port, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres",
                    password)) {
                return;
            } catch (java.sql.SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("ci-postgresql did not accept connections: " + e.getMessage() + "\n"
                            + Podman.tail(podman.attempt("logs", "timeflow-postgresql-postgresql").output(), 20));
                }
                Thread.sleep(500);
            }
        }
    }

    private void awaitLog(String container, String line, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (podman.attempt("logs", container).output().contains(line)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException(container + " did not log '" + line + "' within " + timeout + ":\n"
                + Podman.tail(podman.attempt("logs", container).output(), 20));
    }

    /** A copy that answered its readiness probe: where, and how long it took from container start. */
    record Started(PodmanManifests.Copy copy, String service, URI api, URI management, double readySeconds) {
    }

    private Started awaitReady(PodmanManifests.Copy c, int portBase) throws Exception {
        JsonNode container = c.manifest().path("spec").path("template").path("spec").path("containers").path(0);
        JsonNode probe = container.path("readinessProbe").path("httpGet");
        String portName = probe.path("port").asText();
        int hostPort = 0;
        int apiPort = 0;
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(portName)) {
                hostPort = p.path("hostPort").asInt();
            }
            if (p.path("name").asText().startsWith("http")) {
                apiPort = p.path("hostPort").asInt();
            }
        }
        String service = c.deployment().substring(c.deployment().lastIndexOf('-') + 1);
        URI ready = URI.create(probe.path("scheme").asText("HTTP").toLowerCase() + "://localhost:" + hostPort
                + probe.path("path").asText());
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(ready) == 200) {
                Instant startedAt = startedAt(c.containerName());
                double seconds = Duration.between(startedAt, Instant.now()).toMillis() / 1e3;
                return new Started(c, service, URI.create("http://localhost:" + apiPort),
                        URI.create("http://localhost:" + hostPort), seconds);
            }
            String st = podman.attempt("inspect", "--format", "{{.State.Status}}", c.containerName()).output().strip();
            if (st.equals("exited") || st.startsWith("Error")) {
                throw new IOException(c.containerName() + " is " + st + ":\n"
                        + Podman.tail(podman.attempt("logs", c.containerName()).output(), 30));
            }
            Thread.sleep(500);
        }
        throw new IOException(c.containerName() + ": readiness probe " + ready + " not 200 within " + READY + ":\n"
                + Podman.tail(podman.attempt("logs", c.containerName()).output(), 30));
    }

    private Instant startedAt(String container) throws IOException {
        String s = podman.run("inspect", "--format", "{{.State.StartedAt.Format \"2006-01-02T15:04:05.000Z07:00\"}}", container).strip();
        return OffsetDateTime.parse(s).toInstant();
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void writeEndpoints(List<Started> started, String token, int pgPort, int kafkaPort) throws IOException {
        Properties p = new Properties();
        for (Started s : started) {
            String k = "service." + s.service() + "." + (s.copy().copy() + 1) + ".";
            p.setProperty(k + "api", s.api().toString());
            p.setProperty(k + "management", s.management().toString());
            p.setProperty(k + "container", s.copy().containerName());
        }
        p.setProperty("copies", String.valueOf(started.stream().mapToInt(s -> s.copy().copy() + 1).max().orElse(0)));
        p.setProperty("kafka.container", "timeflow-kafka-kafka");
        p.setProperty("kafka.bootstrap", "localhost:" + kafkaPort);
        p.setProperty("postgresql.container", "timeflow-postgresql-postgresql");
        p.setProperty("postgresql.port", String.valueOf(pgPort));
        p.setProperty("token.admin", token);
        StringBuilder b = new StringBuilder("# ./timeflow kube: where the deployment answers (read by the e2e kube profile)\n");
        p.stringPropertyNames().stream().sorted().forEach(k -> b.append(k).append('=').append(p.getProperty(k)).append('\n'));
        privateFile("endpoints.properties", b.toString());
    }

    private void printSummary(List<Started> started, Properties images, int pgPort, int kafkaPort, List<String> leftOut,
            String token) throws IOException {
        StringBuilder out = new StringBuilder("\nTimeflow's chart runs in podman (" + started.size() + " service containers)\n\n");
        out.append(String.format("  %-44s %-24s %-36s %9s %10s %10s%n", "container", "API", "ready (probe)", "to ready",
                "RSS", "cgroup"));
        for (Started s : started) {
            Memory m = memory(s.copy().containerName());
            out.append(String.format("  %-44s %-24s %-36s %7.1f s %10s %10s%n", s.copy().containerName(), s.api(),
                    s.management() + "/q/health/ready", s.readySeconds(), m.rss(), m.cgroup()));
        }
        for (String infra : List.of("timeflow-postgresql-postgresql", "timeflow-kafka-kafka")) {
            Memory m = memory(infra);
            out.append(String.format("  %-44s %-24s %-36s %9s %10s %10s%n", infra,
                    infra.contains("postgresql") ? "localhost:" + pgPort : "localhost:" + kafkaPort, "", "", m.rss(), m.cgroup()));
        }
        out.append(String.format("%n  %-58s %10s%n", "image", "size"));
        for (String key : images.stringPropertyNames().stream().sorted().toList()) {
            if (!key.equals("tag")) {
                out.append(String.format("  %-58s %7.1f MB%n", images.getProperty(key),
                        podman.imageSize(images.getProperty(key)) / 1e6));
            }
        }
        out.append("\n  not played (podman has no such objects; checked offline, docs/deploy.md): ")
                .append(String.join(", ", leftOut)).append('\n');
        out.append("  swagger: ").append(started.get(0).api()).append("/q/swagger-ui\n");
        out.append("  token:   admin, 12 h (also in .timeflow/kube/endpoints.properties):\n\n").append(token).append("\n\n");
        out.append("  try:     curl -H \"Authorization: Bearer $TOKEN\" ").append(started.get(0).api()).append("/api/v1/environments\n");
        out.append("  tests:   ./timeflow kube test      remove: ./timeflow kube down\n");
        Files.writeString(state.resolve("last-start.txt"), out.toString().replace(token, "<token>"));
        System.out.println(out);
    }

    /** Resident memory of the container's main process and the container's whole cgroup. */
    record Memory(String rss, String cgroup) {
    }

    private Memory memory(String container) {
        String rss = "?";
        String cgroup = "?";
        try {
            String pid = podman.run("inspect", "--format", "{{.State.Pid}}", container).strip();
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = String.format("%.0f MiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
            String usage = podman.run("stats", "--no-stream", "--format", "{{.MemUsage}}", container).strip();
            cgroup = usage.split("/")[0].strip().replace("MB", " MB").replace("GB", " GB");
        } catch (IOException | RuntimeException e) {
            // leave "?"
        }
        return new Memory(rss, cgroup);
    }

    // ------------------------------------------------------------------ down

    private void down() throws IOException {
        long t0 = System.nanoTime();
        List<String> played = lines(state.resolve("played"));
        for (int i = played.size() - 1; i >= 0; i--) {
            Path f = state.resolve(played.get(i));
            if (Files.exists(f)) {
                podman.attempt("kube", "down", f.toString());
            }
        }
        // what kube down leaves: claims, ConfigMap volumes and emptyDir volumes of the played files
        for (String name : played) {
            Path f = state.resolve(name);
            if (!Files.exists(f)) {
                continue;
            }
            for (ObjectNode doc : PodmanManifests.parse(Files.readString(f))) {
                String kind = doc.path("kind").asText();
                String n = doc.path("metadata").path("name").asText();
                if (kind.equals("PersistentVolumeClaim") || kind.equals("ConfigMap")) {
                    podman.attempt("volume", "rm", "-f", n);
                }
                JsonNode spec = kind.equals("Pod") ? doc.path("spec") : doc.path("spec").path("template").path("spec");
                for (JsonNode v : spec.path("volumes")) {
                    if (v.has("emptyDir")) {
                        podman.attempt("volume", "rm", "-f", v.path("name").asText());
                    }
                }
            }
        }
        for (String secret : lines(state.resolve("secrets"))) {
            podman.attempt("secret", "rm", secret);
        }
        for (String network : lines(state.resolve("networks"))) {
            podman.attempt("network", "rm", "-f", network);
        }
        List<String> left = leftovers();
        Scratch.deleteTree(state);
        if (left.isEmpty()) {
            say("removed in %.0f s; nothing left (pods, containers, volumes, secrets, network); the images stay "
                    + "(podman images localhost/timeflow/*)", secondsSince(t0));
        } else {
            say("removed in %.0f s, but these remain: %s", secondsSince(t0), left);
            System.exit(1);
        }
    }

    /** Pods, containers, volumes, secrets and networks of this check that still exist. */
    private List<String> leftovers() throws IOException {
        List<String> left = new ArrayList<>();
        for (String[] q : List.of(new String[] {"pod", "ps", "--format", "{{.Name}}"},
                new String[] {"ps", "-a", "--format", "{{.Names}}"},
                new String[] {"volume", "ls", "--format", "{{.Name}}"},
                new String[] {"secret", "ls", "--format", "{{.Name}}"},
                new String[] {"network", "ls", "--format", "{{.Name}}"})) {
            for (String line : podman.run(q).lines().toList()) {
                if (line.startsWith("timeflow-") && !line.startsWith("timeflow-training")) {
                    left.add(q[0] + " " + line);
                }
            }
        }
        return left;
    }

    private void status() throws IOException {
        Path last = state.resolve("last-start.txt");
        if (!Files.exists(last)) {
            say("nothing is up (./timeflow kube starts it)");
            return;
        }
        System.out.print(Files.readString(last));
        System.out.println(podman.run("ps", "-a", "--filter", "name=timeflow-", "--format", "{{.Names}}\t{{.Status}}"));
    }

    // ------------------------------------------------------------------ helpers

    private Properties images() throws IOException {
        Path f = imagesFile();
        if (!Files.exists(f)) {
            throw new IOException(f + " is missing: build the images first (./timeflow images)");
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        for (String key : p.stringPropertyNames()) {
            if (!key.equals("tag") && !podman.imageExists(p.getProperty(key))) {
                throw new IOException("image " + p.getProperty(key) + " is missing: ./timeflow images");
            }
        }
        return p;
    }

    private Path imagesFile() {
        return project.resolve("deploy/target/images/images.properties");
    }

    private Path privateFile(String name, String content) throws IOException {
        Path f = state.resolve(name);
        Files.deleteIfExists(f);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static void record(Path list, String line) throws IOException {
        Files.writeString(list, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static List<String> lines(Path f) throws IOException {
        return Files.exists(f) ? Files.readAllLines(f).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void say(String format, Object... args) {
        System.out.println("[kube] " + String.format(format, args));
    }
}
