package io.timeflow.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./timeflow up --agent}: one staging-host agent ({@code agent/target/timeflow-agent.jar}) for
 * the local suite, against a stand-in host directory ({@code DATA_DIR/agent-host}) whose files describe the
 * staging databases as SQL Server would. It registers the LINUX environment {@code local-staging} (its
 * connector path in that directory) and uses an API key of the role {@code agent} made for it once and
 * kept in {@code DATA_DIR/agent-api-key}.
 */
final class AgentProcess {

    static final String NAME = "local-agent";
    static final String ENVIRONMENT = "local-staging";

    private final Options options;
    private final Path log;
    private Process process;

    AgentProcess(Options options) {
        this.options = options;
        this.log = options.dataDir().resolve("logs").resolve("agent.log");
    }

    /** Makes (or finds) the agent's API key with an admin token, then starts the agent. */
    void start(String adminToken) throws IOException, InterruptedException {
        Path jar = options.projectDir().resolve("agent").resolve("target").resolve("timeflow-agent.jar");
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build first (./timeflow up builds what is missing)");
        }
        Path keyFile = apiKey(adminToken);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--name", NAME, "--environment", ENVIRONMENT, "--host", "localhost", "--os", "LINUX",
                "--time-zone", ZoneId.systemDefault().getId(),
                "--stand-in", options.dataDir().resolve("agent-host").toString(),
                "--state-dir", options.dataDir().resolve("agent-state").toString(),
                "--api-key-file", keyFile.toString(), "--watch-interval", "5s"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("TIMEFLOW_STAGING_URL", "http://localhost:" + options.httpPort("staging"));
        pb.environment().put("TIMEFLOW_SNAPSHOT_URL", "http://localhost:" + options.httpPort("snapshot"));
        process = pb.start();
        Launcher.say("starting the staging-host agent %s (pid %d, stand-in host %s, log %s)", NAME, process.pid(),
                options.dataDir().resolve("agent-host"), log);
    }

    private Path apiKey(String adminToken) throws IOException, InterruptedException {
        Path file = options.dataDir().resolve("agent-api-key");
        if (Files.exists(file)) {
            return file;
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + options.httpPort("staging") + "/api/v1/api-keys"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + NAME + "-" + System.currentTimeMillis()
                        + "\", \"role\": \"agent\"}")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"(tfk_[^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 201 || !key.find()) {
            throw new IOException("staging-service did not make an API key for the agent: " + r.statusCode());
        }
        Files.writeString(file, key.group(1), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        return file;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    Path log() {
        return log;
    }

    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
