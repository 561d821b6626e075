package io.timeflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.timeflow.plugin.domain.ObjectSealer;
import io.timeflow.plugin.domain.ObjectType;
import io.timeflow.plugin.domain.SchemaCache;
import io.timeflow.plugin.sandbox.SandboxWarmUp;
import io.timeflow.plugin.schema.PluginSchema;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Upgrades 100,000 objects (20,000 of each type, about ten fields each, virtual sources with an
 * encrypted password) through three migrations per type, with decryption, validation of the final
 * output against the new schema, re-encryption and commit. Prints objects per second and peak
 * memory, the validator's own speed, and the same migration functions run by CPython on the same
 * objects as a reference. Run with {@code mvn -Pbenchmark -pl plugin-service -am verify}; it asserts
 * correctness only, never time.
 */
@QuarkusTest
@TestProfile(UpgradeBenchmark.AsInProduction.class)
@Tag("benchmark")
class UpgradeBenchmark {

    /**
     * The service's warm-up after start runs as in production (tests otherwise turn it off), at once: the benchmark's
     * JVM has the machine to itself, so it would not wait for a quiet machine there either.
     */
    public static class AsInProduction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("timeflow.plugin.sandbox.warm-up-objects", String.valueOf(WARM_UP_OBJECTS));
        }
    }

    static final int PER_TYPE = Integer.getInteger("benchmark.objectsPerType", 20_000);
    /** The production default; {@code -Dbenchmark.warmUpObjects=0} measures a service without its warm-up. */
    static final int WARM_UP_OBJECTS = Integer.getInteger("benchmark.warmUpObjects", 20_000);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectSealer sealer;

    @Inject
    SandboxWarmUp sandbox;

    @Test
    void upgrade100kObjectsThroughThreeMigrationsPerType() throws Exception {
        // a user upgrades a plugin once the service is up: here, once its warm-up after start has ended
        SandboxWarmUp.WarmUp warmUp = sandbox.warmedUp().toCompletableFuture().get(10, TimeUnit.MINUTES);
        assertThat(warmUp.objects()).isEqualTo(WARM_UP_OBJECTS);
        String plugin = Api.installed(Bundle.of("bench-v1").id("bench-" + UUID.randomUUID()));
        Map<ObjectType, List<ObjectNode>> objects = generate(new Random(7));
        long t0 = System.nanoTime();
        List<UUID> ids = insert(plugin, objects);
        double insertSeconds = seconds(t0);
        int total = ids.size();

        Run cold = upgrade(plugin, Bundle.of("bench-v2").id(plugin), total);
        JsonPath repository = Api.getObject(plugin, ids.get(0).toString());
        assertThat(repository.getInt("data.schemaVersion")).isEqualTo(2);
        assertThat(repository.getString("data.installation.path")).startsWith("/opt/app/");
        assertThat(repository.getString("data.description")).isEqualTo("created by the benchmark, object 0 of its type");
        // the interpreter is Java code that HotSpot compiles as it runs: later upgrades are faster
        Run warm = upgrade(plugin, Bundle.of("bench-v3").id(plugin), total);
        assertThat(Api.getObject(plugin, ids.get(ids.size() - 1).toString()).getInt("data.schemaVersion")).isEqualTo(3);

        // the validator alone, on the committed objects, against the new schema
        PluginSchema schema = SchemaCache.compile(Bundle.of("bench-v3").file("schema.json"));
        Map<ObjectType, List<JsonNode>> stored = readBack(plugin);
        long v0 = System.nanoTime();
        long violations = 0;
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<ObjectType, List<JsonNode>> e : stored.entrySet()) {
                for (JsonNode object : e.getValue()) {
                    violations += schema.validate(e.getKey(), object).size();
                }
            }
        }
        double validationsPerSecond = 2.0 * total / seconds(v0);
        assertThat(violations).isZero();

        CPython cpython = cpythonReference(objects);

        String report = String.format(Locale.ROOT, """

                ==== UpgradeBenchmark: %,d objects (%,d per type), 3 new migrations per type ====
                machine: %d cores, load average %s
                the service's warm-up after start (%,d generated objects, its own plugin):  %.1f s, %.1f s of CPU
                insert of the v1 objects (JDBC, sealed passwords):  %.1f s
                first upgrade in a fresh JVM, after its warm-up if any (1.0 -> 2.0):
                %s
                next upgrade, same JVM (2.0 -> 3.0):
                %s
                JSON Schema validation alone (networknt 1.5.9, draft-07, SDK dialect): %,.0f objects/s
                CPython reference, same migration functions (2.0's), same objects: %s
                (CPU time is the service JVM's: PostgreSQL runs in its own process; on a busy machine wall
                 time grows with the load, CPU time much less)
                ================================================================================
                """, total, PER_TYPE, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim(), warmUp.objects(), warmUp.millis() / 1000.0,
                warmUp.processCpuMillis() / 1000.0, insertSeconds, cold.describe(total),
                warm.describe(total), validationsPerSecond, cpython.text());
        System.out.println(report);
        Files.writeString(Path.of("target/upgrade-benchmark.txt"), report, StandardCharsets.UTF_8);
        String json = System.getProperty("benchmark.json");
        if (json != null && !json.isBlank()) {
            // the figures for ./timeflow bench's table
            ObjectNode figures = JSON.createObjectNode();
            figures.put("objects", total);
            figures.put("warmUpSeconds", warmUp.millis() / 1000.0);
            figures.put("firstRequestSeconds", cold.requestSeconds());
            figures.put("firstJobSeconds", cold.jobSeconds());
            figures.put("firstEndToEndSeconds", cold.endToEndSeconds());
            figures.put("nextJobSeconds", warm.jobSeconds());
            figures.put("nextEndToEndSeconds", warm.endToEndSeconds());
            figures.put("validationPerSecond", validationsPerSecond);
            if (cpython.figures() != null) {
                figures.set("cpython", cpython.figures());
            }
            Files.writeString(Path.of(json), figures.toPrettyString(), StandardCharsets.UTF_8);
        }
    }

    /** Figures of one upgrade. */
    record Run(double requestSeconds, double jobSeconds, double endToEndSeconds, double cpuSeconds, long heapPeak,
            String rssPeak) {
        String describe(int total) {
            return String.format(Locale.ROOT, """
                      request (bundle checked and loaded in the sandbox):  %.2f s
                      job (open, migrate in GraalPy, validate, seal, report, commit):  %.1f s = %,.0f objects/s
                      end to end (request to SUCCEEDED seen by the client):  %.1f s
                      CPU time of the service's JVM over the same span:  %.1f s = %,.0f objects per CPU-second
                      peak heap %,d MiB (max %,d MiB); peak RSS of the test JVM %s""", requestSeconds, jobSeconds,
                    total / jobSeconds, endToEndSeconds, cpuSeconds, total / cpuSeconds, heapPeak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, rssPeak);
        }
    }

    static Run upgrade(String plugin, Bundle bundle, int total) {
        resetPeaks();
        long cpuBefore = processCpuNanos();
        long request = System.nanoTime();
        String upgradeId = Api.upgrade(plugin, bundle, false);
        double requestSeconds = seconds(request);
        JsonPath upgrade = Api.finished(plugin, upgradeId, Duration.ofMinutes(60));
        double endToEnd = seconds(request);
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        assertThat(upgrade.getString("state")).as(upgrade.prettify()).isEqualTo("SUCCEEDED");
        assertThat(upgrade.getLong("objectsMigrated")).isEqualTo(total);
        double jobSeconds = Duration.between(Instant.parse(upgrade.getString("startedAt")),
                Instant.parse(upgrade.getString("finishedAt"))).toNanos() / 1e9;
        return new Run(requestSeconds, jobSeconds, endToEnd, cpuSeconds, heapPeak(), procStatus("VmHWM"));
    }

    static Map<ObjectType, List<ObjectNode>> generate(Random random) {
        Map<ObjectType, List<ObjectNode>> all = new EnumMap<>(ObjectType.class);
        for (ObjectType type : ObjectType.values()) {
            List<ObjectNode> list = new ArrayList<>(PER_TYPE);
            for (int i = 0; i < PER_TYPE; i++) {
                ObjectNode o = JSON.createObjectNode();
                o.put("name", type.decorator() + "-" + i);
                o.put("owner", "team-" + random.nextInt(40));
                ArrayNode tags = o.putArray("tags");
                tags.add(" Prod").add("eu-west ").add("PROD");
                o.put("notes", "created by the benchmark, object " + i + " of its type");
                switch (type) {
                    case REPOSITORY -> {
                        o.put("installPath", "/opt/app/" + (10 + random.nextInt(8)) + "/bin");
                        o.put("version", "17." + random.nextInt(9));
                        o.put("port", 5432 + random.nextInt(100));
                        o.put("enabled", random.nextBoolean());
                    }
                    case SOURCE_CONFIG -> {
                        o.put("database", "db_" + i);
                        o.put("size", random.nextInt(1 << 20));
                        o.put("encoding", "utf-8");
                        o.put("readOnly", random.nextBoolean());
                    }
                    case LINKED_SOURCE -> {
                        o.put("syncMode", random.nextBoolean() ? "FULL" : "INCREMENTAL");
                        o.put("retention", 1 + random.nextInt(30));
                        o.put("compress", random.nextBoolean());
                        o.putArray("paths").add("/data/" + i).add("/logs/" + i);
                        o.put("priority", random.nextInt(10));
                    }
                    case VIRTUAL_SOURCE -> {
                        o.put("port", 1024 + random.nextInt(60000));
                        o.put("mountPath", "/mnt/vdb/" + i);
                        o.put("user", "postgres");
                        o.put("password", "pw-" + Long.toHexString(random.nextLong()));
                        o.put("enabled", true);
                    }
                    case SNAPSHOT -> {
                        o.put("lsn", Integer.toHexString(random.nextInt(256)).toUpperCase(Locale.ROOT) + "/"
                                + Integer.toHexString(random.nextInt(1 << 24)).toUpperCase(Locale.ROOT));
                        o.put("timestamp", Instant.ofEpochSecond(1_700_000_000L + i).toString());
                        o.put("size", random.nextInt(1 << 30));
                        o.put("timeline", 1 + random.nextInt(5));
                        o.put("consistent", true);
                    }
                }
                list.add(o);
            }
            all.put(type, list);
        }
        return all;
    }

    /** Inserts the objects as the service stores them (passwords sealed), in large batches. */
    List<UUID> insert(String plugin, Map<ObjectType, List<ObjectNode>> objects) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            for (Map.Entry<ObjectType, List<ObjectNode>> e : objects.entrySet()) {
                List<ObjectNode> list = e.getValue();
                for (int from = 0; from < list.size(); from += 5000) {
                    int to = Math.min(list.size(), from + 5000);
                    Object[] batchIds = new Object[to - from];
                    String[] names = new String[to - from];
                    String[] data = new String[to - from];
                    for (int i = from; i < to; i++) {
                        UUID id = UUID.randomUUID();
                        ids.add(id);
                        batchIds[i - from] = id;
                        names[i - from] = list.get(i).path("name").asText();
                        JsonNode stored = e.getKey() == ObjectType.VIRTUAL_SOURCE
                                ? sealer.seal(plugin, id, list.get(i), List.of("/password")) : list.get(i);
                        data[i - from] = stored.toString();
                    }
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into plugin_object (id, plugin_id, type, name, data, created_at, updated_at)
                            select u.id, ?, ?, u.name, cast(u.data as jsonb), now(), now()
                            from unnest(?, ?, ?) as u(id, name, data)""")) {
                        ps.setString(1, plugin);
                        ps.setString(2, e.getKey().name());
                        ps.setArray(3, c.createArrayOf("uuid", batchIds));
                        ps.setArray(4, c.createArrayOf("text", names));
                        ps.setArray(5, c.createArrayOf("text", data));
                        ps.executeUpdate();
                    }
                }
            }
        }
        return ids;
    }

    Map<ObjectType, List<JsonNode>> readBack(String plugin) throws Exception {
        Map<ObjectType, List<JsonNode>> all = new EnumMap<>(ObjectType.class);
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select type, data::text from plugin_object where plugin_id = ?")) {
            ps.setString(1, plugin);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.computeIfAbsent(ObjectType.valueOf(rs.getString(1)), t -> new ArrayList<>())
                            .add(JSON.readTree(rs.getString(2)));
                }
            }
        }
        return all;
    }

    /** Runs bench-v2's migration functions unchanged under python3 on the same (plaintext) objects. */
    static CPython cpythonReference(Map<ObjectType, List<ObjectNode>> objects) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "cpython-reference-");
        Path platform = dir.resolve("dlpx/virtualization/platform");
        Files.createDirectories(platform);
        Files.writeString(dir.resolve("dlpx/__init__.py"), "");
        Files.writeString(dir.resolve("dlpx/virtualization/__init__.py"), "");
        Files.writeString(platform.resolve("__init__.py"), """
                MIGRATIONS = []


                class _Upgrade(object):
                    def __getattr__(self, kind):
                        def register(migration_id):
                            def decorator(function):
                                MIGRATIONS.append((kind, migration_id, function))
                                return function
                            return decorator
                        return register


                class Plugin(object):
                    def __init__(self):
                        self.upgrade = _Upgrade()
                """);
        Files.writeString(dir.resolve("bench.py"), Bundle.of("bench-v2").file("src/bench.py"));
        ObjectNode byType = JSON.createObjectNode();
        objects.forEach((type, list) -> byType.set(type.decorator(), JSON.valueToTree(list)));
        Files.writeString(dir.resolve("objects.json"), byType.toString());
        Files.writeString(dir.resolve("schema.json"), Bundle.of("bench-v2").file("schema.json"));
        Files.writeString(dir.resolve("run.py"), """
                import json, sys, time
                sys.path.insert(0, ".")
                import bench
                from dlpx.virtualization.platform import MIGRATIONS

                def key(migration_id):
                    return tuple(int(p) for p in migration_id.split("."))

                objects = json.load(open("objects.json"))
                chains = {}
                for kind, migration_id, function in sorted(MIGRATIONS, key=lambda m: key(m[1])):
                    chains.setdefault(kind, []).append(function)

                try:
                    import jsonschema
                    from importlib.metadata import version
                    definitions = json.load(open("schema.json"))
                    names = {"repository": "repositoryDefinition", "source_config": "sourceConfigDefinition",
                             "linked_source": "linkedSourceDefinition", "virtual_source": "virtualSourceDefinition",
                             "snapshot": "snapshotDefinition"}
                    validators = {kind: jsonschema.Draft7Validator(definitions[name]) for kind, name in names.items()}
                    jsonschema_version = version("jsonschema")
                except ImportError:
                    validators = None
                    jsonschema_version = None

                def run(as_json, validate):
                    count = 0
                    invalid = 0
                    start = time.perf_counter()
                    for kind, items in objects.items():
                        chain = chains.get(kind, [])
                        validator = validators[kind] if validate else None
                        for item in items:
                            current = json.loads(json.dumps(item)) if as_json else dict(item)
                            for migrate in chain:
                                current = migrate(current)
                            if validate:
                                invalid += len(list(validator.iter_errors(current)))
                            if as_json:
                                json.dumps(current)
                            count += 1
                    return count, time.perf_counter() - start, invalid

                def validation_only():
                    migrated = []
                    for kind, items in objects.items():
                        for item in items:
                            current = dict(item)
                            for migrate in chains.get(kind, []):
                                current = migrate(current)
                            migrated.append((validators[kind], current))
                    start = time.perf_counter()
                    for validator, current in migrated:
                        list(validator.iter_errors(current))
                    return time.perf_counter() - start

                n, in_process, _ = run(False, False)
                _, with_json, _ = run(True, False)
                result = {"objects": n, "in_process": in_process, "with_json": with_json,
                          "version": sys.version.split()[0], "jsonschema": jsonschema_version}
                if validators is not None:
                    _, validated, invalid = run(True, True)
                    result.update({"with_json_and_validation": validated, "invalid": invalid,
                                   "validation_only": validation_only()})
                print(json.dumps(result))
                """);
        Process p;
        try {
            p = new ProcessBuilder("python3", "run.py").directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new CPython("python3 is not available here", null);
        }
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new CPython("python3 did not finish", null);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            JsonNode r = JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
            int n = r.path("objects").asInt();
            ObjectNode figures = JSON.createObjectNode();
            figures.put("version", r.path("version").asText());
            figures.put("inProcessPerSecond", n / r.path("in_process").asDouble());
            figures.put("withJsonPerSecond", n / r.path("with_json").asDouble());
            String text = String.format(Locale.ROOT,
                    "CPython %s: %,.0f objects/s in process (%.2f s); %,.0f objects/s with JSON in and out per object "
                            + "(%.2f s)", r.path("version").asText(), n / r.path("in_process").asDouble(),
                    r.path("in_process").asDouble(), n / r.path("with_json").asDouble(), r.path("with_json").asDouble());
            if (r.hasNonNull("with_json_and_validation")) {
                assertThat(r.path("invalid").asInt()).as("objects CPython's jsonschema finds invalid").isZero();
                figures.put("jsonschema", r.path("jsonschema").asText());
                figures.put("withJsonAndValidationPerSecond", n / r.path("with_json_and_validation").asDouble());
                figures.put("validationOnlyPerSecond", n / r.path("validation_only").asDouble());
                text += String.format(Locale.ROOT, "; %,.0f objects/s with JSON and draft-07 validation by jsonschema %s "
                                + "(%.2f s); jsonschema validation alone %,.0f objects/s",
                        n / r.path("with_json_and_validation").asDouble(), r.path("jsonschema").asText(),
                        r.path("with_json_and_validation").asDouble(), n / r.path("validation_only").asDouble());
            } else {
                text += "; the jsonschema package is not importable: no validation figure";
            }
            return new CPython(text + "; no encryption or database", figures);
        } catch (IOException | RuntimeException e) {
            return new CPython("python3 failed: " + out, null);
        }
    }

    /** What CPython measured: a line for the report, and the figures (null when it could not run). */
    record CPython(String text, ObjectNode figures) {
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // peak RSS cannot be reset here: the figure then covers the whole run
        }
    }

    static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static String procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return line.substring(key.length() + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
