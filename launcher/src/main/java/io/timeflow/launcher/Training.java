package io.timeflow.launcher;

import io.timeflow.testing.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training step of the build: what the services and the console do while they record their AOT caches. Real
 * requests through every service's API (a staging environment, a dSource linked, the staging database observed,
 * restores reported, SnapSyncs, plugin and backup reads, a backup taken) and through the console's page and API routes,
 * for {@link #DURATION}, with the plugin-service warm-up running as after any start, so that the classes and method
 * profiles of the paths users take are in the caches.
 */
final class Training {

    static final Duration DURATION = Duration.ofSeconds(25);

    /**
     * Environment of the services during training: plugin-service's warm-up runs at once, beside the requests, instead
     * of waiting for a quiet machine (ADR 0165), so that the interpreter's profiles are in its cache.
     */
    static final Map<String, String> SERVICE_ENV = Map.of("TIMEFLOW_PLUGIN_WARM_UP_YIELDS", "false");

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern MOUNT = Pattern.compile("\"mountBase\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Training() {
    }

    /** The options of a training run: a throw-away data directory under target/aot and free ports. */
    static Options options(Options asked) throws IOException {
        Path data = AotCache.directory(asked.projectDir()).resolve("training");
        // the services take base+1 to base+5 of the first two blocks, the broker the third's base and base+1
        int http = Ports.freeBlock(10);
        int management = Ports.freeBlock(10);
        int kafka = Ports.freeBlock(10);
        return new Options(data, asked.projectDir(), http, management, Ports.free(), kafka, asked.services(),
                consoleBuilt(asked.projectDir()), false);
    }

    /** The console is trained with the services when it is packaged (it starts with them, and its start counts). */
    private static boolean consoleBuilt(Path projectDir) {
        return Files.isDirectory(projectDir.resolve("console").resolve("target").resolve("quarkus-app"));
    }

    /** What a run with these options starts from an AOT cache: the services, and the console when it runs. */
    static List<String> apps(Options options) {
        List<String> apps = new ArrayList<>(options.services());
        if (options.console()) {
            apps.add("console");
        }
        return apps;
    }

    /** The cache of a service or the console, for this build. */
    static Optional<AotCache> cacheOf(Options options, String name) {
        Path app = options.projectDir().resolve(ServiceProcess.module(name)).resolve("target").resolve("quarkus-app");
        return AotCache.forApp(options.projectDir(), name, app);
    }

    /** Whether every service of this build, and the console when it is built and asked for, has its cache. */
    static boolean cachesExist(Options options) {
        for (String name : apps(options)) {
            if ("console".equals(name) && !consoleBuilt(options.projectDir())) {
                continue;
            }
            if (cacheOf(options, name).map(c -> !c.exists()).orElse(true)) {
                return false;
            }
        }
        return true;
    }

    static void drive(Options options, LocalSecrets secrets) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String admin = Tokens.sign(secrets.signingKey(), "training-admin", Set.of("admin"), Duration.ofHours(1));
        String agent = Tokens.sign(secrets.signingKey(), "training-agent", Set.of("agent"), Duration.ofHours(1));
        String staging = "http://localhost:" + options.httpPort("staging");
        String snapshot = "http://localhost:" + options.httpPort("snapshot");
        String plugin = "http://localhost:" + options.httpPort("plugin");
        String backup = "http://localhost:" + options.httpPort("backup");
        Calls calls = new Calls(http);

        String env = calls.id("POST", staging + "/api/v1/environments", admin, """
                {"name": "training", "host": "training.corp.example", "osType": "WINDOWS", "timeZone": "Europe/Paris",
                 "connectorPath": "C:\\\\Program Files\\\\Delphix\\\\DelphixConnector"}""");
        String repository = calls.id("POST", staging + "/api/v1/environments/" + env + "/repositories", admin,
                "{\"name\": \"MSSQLSERVER\", \"version\": \"15.0.4153.1\", \"port\": 1433}");
        calls.send("POST", backup + "/api/v1/backups", admin, null);
        long end = System.nanoTime() + DURATION.toNanos();
        int round = 0;
        while (System.nanoTime() < end && env != null && repository != null) {
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String linked = calls.send("POST", staging + "/api/v1/dsources", admin, """
                    {"name": "training-%s", "stagingDatabaseName": "stg_%s", "databaseStateMode": "RESTORING",
                     "environmentId": "%s", "repositoryId": "%s", "notes": "AOT training"}"""
                    .formatted(suffix, suffix, env, repository));
            String ds = first(ID, linked);
            String mount = first(MOUNT, linked);
            if (ds == null || mount == null) {
                break;
            }
            String files = "[\"" + mount + "\\\\sp.mdf\", \"" + mount + "\\\\sp_log.ldf\"]";
            calls.send("PUT", staging + "/api/v1/dsources/" + ds + "/staging-database", agent,
                    "{\"state\": \"RESTORING\", \"dataMounted\": true, \"files\": " + files + "}");
            long position = 2000;
            restore(calls, staging, agent, ds, files, "FULL", 1000, position, true);
            for (int i = 0; i < 40 && System.nanoTime() < end; i++) {
                restore(calls, staging, agent, ds, files, "LOG", position, position + 1000, false);
                position += 1000;
                if (i % 10 == 9) {
                    calls.send("POST", snapshot + "/api/v1/snapsync", admin, "{\"dsourceId\": \"" + ds + "\"}");
                    calls.send("GET", snapshot + "/api/v1/snapsync/readiness/" + ds, admin, null);
                    calls.send("GET", snapshot + "/api/v1/snapshots?dsourceId=" + ds, admin, null);
                    calls.send("GET", snapshot + "/api/v1/timeflows?dsourceId=" + ds, admin, null);
                }
            }
            calls.send("GET", staging + "/api/v1/dsources/" + ds, admin, null);
            calls.send("GET", staging + "/api/v1/dsources/" + ds + "/restores", admin, null);
            calls.send("GET", staging + "/api/v1/dsources", admin, null);
            calls.send("GET", staging + "/api/v1/faults", admin, null);
            calls.send("GET", plugin + "/api/v1/plugins", admin, null);
            calls.send("GET", backup + "/api/v1/backups", admin, null);
            if (options.console()) {
                // the console's page and its way to each API (the browser calls the APIs through it)
                String console = "http://localhost:" + options.consolePort();
                calls.send("GET", console + "/", null, null);
                calls.send("GET", console + "/api/v1/dsources/" + ds, admin, null);
                calls.send("GET", console + "/api/v1/snapshots?dsourceId=" + ds, admin, null);
                calls.send("GET", console + "/api/v1/plugins", admin, null);
                calls.send("GET", console + "/api/v1/backups", admin, null);
                calls.send("GET", "http://localhost:" + options.consoleManagementPort() + "/q/health/ready", null, null);
            }
            for (String service : options.services()) {
                calls.send("GET", "http://localhost:" + options.managementPort(service) + "/q/health/ready", null, null);
                calls.send("GET", "http://localhost:" + options.managementPort(service) + "/q/metrics", null, null);
            }
            round++;
        }
        Launcher.say("training traffic: %d calls (%d refused or failed) in %d rounds", calls.sent, calls.failed, round);
        if (calls.sent == 0 || calls.failed * 2 > calls.sent) {
            throw new IllegalStateException("the training traffic mostly failed; see the services' logs in "
                    + options.dataDir().resolve("logs"));
        }
    }

    private static void restore(Calls calls, String staging, String agent, String ds, String files, String type,
            long first, long last, boolean replace) throws InterruptedException {
        String id = UUID.randomUUID().toString();
        calls.send("POST", staging + "/api/v1/dsources/" + ds + "/restores", agent, """
                {"restoreId": "%s", "backupSet": {"type": "%s", "firstLsn": "%d", "lastLsn": "%d", "checkpointLsn": "%d",
                 "recoveryForkGuid": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "backupFileLocation": "\\\\\\\\b\\\\t.bak",
                 "sourceReadOnly": false}, "replace": %s, "norecovery": true}"""
                .formatted(id, type, first, last, first + 1, replace));
        calls.send("POST", staging + "/api/v1/dsources/" + ds + "/restores/" + id + "/complete", agent,
                "{\"files\": " + files + "}");
    }

    /** Calls counted; a failed call is counted and the training goes on. */
    private static final class Calls {
        private final HttpClient http;
        int sent;
        int failed;

        Calls(HttpClient http) {
            this.http = http;
        }

        String id(String method, String url, String token, String body) throws InterruptedException {
            return first(ID, send(method, url, token, body));
        }

        String send(String method, String url, String token, String body) throws InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            sent++;
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() >= 300) {
                    failed++;
                }
                return r.body();
            } catch (IOException e) {
                failed++;
                return "";
            }
        }
    }

    private static String first(Pattern p, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

}
