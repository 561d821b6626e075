package io.timeflow.e2e;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The containers of {@code ./timeflow kube}: the images, the chart's manifests played by podman, one
 * or more copies of each service, ci-postgresql and ci-kafka. Read from the endpoints file that
 * {@code ./timeflow kube} writes (.timeflow/kube/endpoints.properties). The clients reach each service
 * through a {@link ServiceProxy} (what the chart's Service does in a cluster). A kill is a SIGKILL of
 * the container's process, as the kernel's OOM killer or a crash would end it; podman then restarts
 * the container (restartPolicy Always), as a kubelet would, and {@link #restart} waits until it is back
 * and ready. The broker is stopped and started with podman.
 */
final class KubeSuite implements SuiteUnderTest {

    static final Duration BACK = Duration.ofMinutes(5);

    private static KubeSuite shared;

    private final Properties endpoints = new Properties();
    private final Path dir;
    private final Map<String, ServiceProxy> proxies = new LinkedHashMap<>();
    private final Map<String, Integer> restartsBeforeKill = new LinkedHashMap<>();

    private KubeSuite(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            endpoints.load(r);
        }
        this.dir = file.getParent();
        int copies = Integer.parseInt(endpoints.getProperty("copies"));
        for (String s : Suite.SERVICES) {
            List<ServiceProxy.Backend> backends = new ArrayList<>();
            for (int c = 1; c <= copies; c++) {
                String k = "service." + s + "." + c + ".";
                backends.add(new ServiceProxy.Backend(endpoints.getProperty(k + "container"),
                        URI.create(endpoints.getProperty(k + "api")),
                        URI.create(endpoints.getProperty(k + "management") + "/q/health/ready")));
            }
            proxies.put(s, new ServiceProxy(s, backends));
        }
    }

    static synchronized KubeSuite shared() throws IOException {
        if (shared == null) {
            Path project = Path.of(System.getProperty("timeflow.project.dir", "..")).toAbsolutePath().normalize();
            if (!Files.isDirectory(project.resolve("deploy")) && project.getParent() != null) {
                project = project.getParent();
            }
            Path file = Path.of(System.getProperty("timeflow.kube.endpoints",
                    project.resolve(".timeflow/kube/endpoints.properties").toString()));
            if (!Files.exists(file)) {
                throw new IOException(file + " is missing: start the containers first (./timeflow kube)");
            }
            shared = new KubeSuite(file);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("[e2e] connections per copy "
                    + "through the stand-in Services: " + String.join("; ", shared.proxies.values().stream()
                            .map(ServiceProxy::summary).toList())), "e2e-kube-summary"));
            System.out.println("[e2e] against the containers of ./timeflow kube (" + file + "), "
                    + endpoints(shared).getProperty("copies") + " copies of each service");
        }
        return shared;
    }

    private static Properties endpoints(KubeSuite s) {
        return s.endpoints;
    }

    @Override
    public Endpoints endpoints() {
        return new Endpoints(proxies.get("staging").uri(), proxies.get("snapshot").uri(), proxies.get("plugin").uri(),
                proxies.get("backup").uri(), endpoints.getProperty("token.admin"), true);
    }

    int copies() {
        return Integer.parseInt(endpoints.getProperty("copies"));
    }

    ServiceProxy proxy(String service) {
        return proxies.get(service);
    }

    String container(String service, int copy) {
        return endpoints.getProperty("service." + service + "." + copy + ".container");
    }

    @Override
    public void kill(String service) throws Exception {
        kill(service, 1);
    }

    /** SIGKILL to the main process of one copy's container (copies count from 1). */
    synchronized void kill(String service, int copy) throws Exception {
        String container = container(service, copy);
        restartsBeforeKill.put(container, restartCount(container));
        long pid = Long.parseLong(podman("inspect", "--format", "{{.State.Pid}}", container).strip());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(container + ": no process " + pid));
        process.destroyForcibly();
        proxies.get(service).markDown(copy - 1);
        process.onExit().get(30, TimeUnit.SECONDS);
        System.out.println("[e2e] killed " + container + " (SIGKILL to pid " + pid + ")");
    }

    @Override
    public void restart(String service) throws Exception {
        restart(service, 1);
    }

    /** Waits until podman restarted the killed container and its readiness probe answers 200 again. */
    void restart(String service, int copy) throws Exception {
        String container = container(service, copy);
        int before = restartsBeforeKill.getOrDefault(container, 0);
        long deadline = System.nanoTime() + BACK.toNanos();
        while (System.nanoTime() < deadline) {
            if (restartCount(container) > before && proxies.get(service).ready(copy - 1)) {
                System.out.println("[e2e] " + container + " is back (restarted by podman) and ready");
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException(container + " was not back and ready within " + BACK + " (restarts " + restartCount(container)
                + ", was " + before + ")");
    }

    int restartCount(String container) throws IOException {
        return Integer.parseInt(podman("inspect", "--format", "{{.RestartCount}}", container).strip());
    }

    @Override
    public void stopKafka() throws Exception {
        podman("stop", "--time", "30", endpoints.getProperty("kafka.container"));
    }

    @Override
    public void startKafka() throws Exception {
        String kafka = endpoints.getProperty("kafka.container");
        long started = count(podman("logs", kafka), "Kafka Server started");
        podman("start", kafka);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (count(podman("logs", kafka), "Kafka Server started") > started) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("the broker did not start again within 3 minutes");
    }

    @Override
    public Path log(String service) {
        Path log = dir.resolve("logs").resolve(service + "-service.log");
        try {
            Files.createDirectories(log.getParent());
            StringBuilder all = new StringBuilder();
            for (int c = 1; c <= copies(); c++) {
                all.append("==== ").append(container(service, c)).append('\n').append(podman("logs", container(service, c)));
            }
            Files.writeString(log, all);
        } catch (IOException e) {
            // the path still tells where to look
        }
        return log;
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    static String podman(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("podman");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return out;
    }
}
