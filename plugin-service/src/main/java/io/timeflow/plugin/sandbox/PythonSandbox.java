package io.timeflow.plugin.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.timeflow.plugin.config.PluginServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.jboss.logging.Logger;

/**
 * The Python sandbox of the service: one shared GraalPy engine (parsed code is cached across
 * contexts), a fresh context per plugin version. A context is built with the CONSTRAINED sandbox
 * policy and no file system, network, process, thread, environment, native, polyglot or host-class
 * access; its output is captured (capped); every call into it runs under a wall-clock watchdog and
 * a statement limit.
 */
@ApplicationScoped
public class PythonSandbox {

    private static final Logger LOG = Logger.getLogger(PythonSandbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The SDK shim, served to plugins from memory as {@code dlpx.*} and {@code generated.*}. */
    static final List<String> SDK_FILES = List.of(
            "dlpx/__init__.py",
            "dlpx/virtualization/__init__.py",
            "dlpx/virtualization/common/__init__.py",
            "dlpx/virtualization/common/_common_classes.py",
            "dlpx/virtualization/common/exceptions.py",
            "dlpx/virtualization/common/util.py",
            "dlpx/virtualization/libs/__init__.py",
            "dlpx/virtualization/libs/_logging.py",
            "dlpx/virtualization/libs/exceptions.py",
            "dlpx/virtualization/libs/libs.py",
            "dlpx/virtualization/platform/__init__.py",
            "dlpx/virtualization/platform/_operations.py",
            "dlpx/virtualization/platform/_plugin.py",
            "dlpx/virtualization/platform/_plugin_classes.py",
            "dlpx/virtualization/platform/exceptions.py",
            "dlpx/virtualization/platform/operation.py",
            "dlpx/virtualization/platform/util.py",
            "generated/__init__.py",
            "generated/definitions/__init__.py",
            "generated/definitions/base_model_.py",
            "generated/util.py");

    /** Why a plugin did not load. {@code file} and {@code line} point into the bundle when known. */
    public record LoadFailure(String kind, String exception, String message, String file, int line,
            SandboxStop stop) {
    }

    /**
     * A loaded plugin, or why it did not load (exactly one of the two is set), and what the plugin
     * logged through {@code PlatformHandler} while it loaded (not redacted).
     */
    public record LoadResult(PluginRuntime runtime, LoadFailure failure, PluginRuntime.LogDrain log) {

        LoadResult(PluginRuntime runtime, LoadFailure failure) {
            this(runtime, failure, PluginRuntime.LogDrain.NONE);
        }
    }

    /** A source file that Python cannot compile: where, and why. */
    public record SyntaxProblem(String file, int line, String message) {
    }

    /**
     * The code whose statements count against the limit: the plugin's own modules (compiled from
     * memory under their bundle paths). The runtime and the shim ({@code <timeflow-...>}), frozen
     * modules and the standard library (files of the Python home) run uncounted, so the bound is on
     * the plugin's code and costs nothing elsewhere. One instance for the engine, as Truffle requires.
     */
    static final Predicate<Source> PLUGIN_CODE = source -> source.getPath() == null
            && !source.getName().startsWith("<") && !source.getName().equals("Unnamed");

    private final PluginServiceConfig config;
    private final String sdkFilesJson;
    private final Source runtimeSource;
    private final ScheduledExecutorService watchdog;
    private volatile Engine engine;
    private volatile boolean shuttingDown;

    @Inject
    public PythonSandbox(PluginServiceConfig config) {
        this.config = config;
        Map<String, String> sdk = new LinkedHashMap<>();
        for (String file : SDK_FILES) {
            sdk.put(file, resource("sdk/" + file));
        }
        try {
            this.sdkFilesJson = JSON.writeValueAsString(sdk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.runtimeSource = Source.newBuilder("python", resource("runtime.py"), "<timeflow-runtime>/runtime.py")
                .buildLiteral();
        this.watchdog = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "plugin-sandbox-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    void stop(@Observes ShutdownEvent event) {
        shuttingDown = true;
        watchdog.shutdownNow();
        Engine e = engine;
        if (e != null) {
            e.close(true);
        }
    }

    /** Builds the engine and one throw-away context, so that the first plugin loads faster. */
    void prepare() {
        long start = System.nanoTime();
        try (Context context = newContext(new CappedOutput(1024), new AtomicBoolean())) {
            context.eval(runtimeSource);
        }
        LOG.infof("Python sandbox ready in %d ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Whether the service is stopping (a long run of the sandbox should end). */
    boolean shuttingDown() {
        return shuttingDown;
    }

    private Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                e = engine;
                if (e == null) {
                    e = Engine.newBuilder("python")
                            .sandbox(SandboxPolicy.CONSTRAINED)
                            .option("engine.WarnInterpreterOnly", "false")
                            .out(OutputStream.nullOutputStream())
                            .err(OutputStream.nullOutputStream())
                            .build();
                    engine = e;
                }
            }
        }
        return e;
    }

    private Context newContext(CappedOutput output, AtomicBoolean statementLimitHit) {
        return Context.newBuilder("python")
                .engine(engine())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(output)
                .err(output)
                .in(InputStream.nullInputStream())
                .allowHostAccess(HostAccess.CONSTRAINED)
                .allowHostClassLookup(name -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowNativeAccess(false)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .useSystemExit(false)
                .resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(config.sandbox().statementLimit(), PLUGIN_CODE)
                        .onLimit(event -> statementLimitHit.set(true))
                        .build())
                .build();
    }

    /**
     * Loads a plugin version into a fresh context: the SDK shim, then the plugin's sources with its
     * source directory first on {@code sys.path}, then the entry point's module.
     *
     * @param sources         the Python files of the source directory, by path relative to it
     * @param srcDir          the source directory as the bundle names it (for file names in messages)
     * @param definitionsJson the schema file's definitions (for {@code generated.definitions})
     */
    public LoadResult load(Map<String, String> sources, String srcDir, String entryModule, String entryObject,
            String definitionsJson) {
        CappedOutput output = new CappedOutput(config.sandbox().outputLimit());
        AtomicBoolean limitHit = new AtomicBoolean();
        Context context = newContext(output, limitHit);
        boolean handedOver = false;
        try {
            context.eval(runtimeSource);
            Value bindings = context.getBindings("python");
            Value load = bindings.getMember("load");
            String sourcesJson = JSON.writeValueAsString(sources);
            PluginRuntime runtime = new PluginRuntime(context, output, watchdog, bindings.getMember("run_batch"),
                    bindings.getMember("drain_log"), List.of(), List.of(), limitHit);
            Object answer = runtime.guarded(config.sandbox().loadTimeout(),
                    () -> load.execute(sdkFilesJson, sourcesJson, srcDir, entryModule, entryObject, definitionsJson)
                            .asString());
            if (answer instanceof SandboxStop stop) {
                return new LoadResult(null, new LoadFailure("STOPPED", null, stop.description(), null, 0, stop));
            }
            JsonNode result = JSON.readTree((String) answer);
            PluginRuntime.LogDrain logged = runtime.drainLog();
            if (!result.path("ok").asBoolean()) {
                JsonNode error = result.path("error");
                return new LoadResult(null, new LoadFailure(error.path("kind").asText(),
                        error.path("exception").isNull() ? null : error.path("exception").asText(null),
                        error.path("message").asText(""), error.path("file").asText(null), error.path("line").asInt(0),
                        null), logged);
            }
            List<PluginRuntime.DeclaredMigration> migrations = new ArrayList<>();
            for (JsonNode m : result.path("migrations")) {
                migrations.add(new PluginRuntime.DeclaredMigration(m.path("id").isNull() ? null : m.path("id").asText(),
                        m.path("idType").asText(), m.path("type").asText(), m.path("function").asText(),
                        m.path("file").asText(), m.path("line").asInt()));
            }
            List<String> operations = new ArrayList<>();
            result.path("operations").forEach(o -> operations.add(o.asText()));
            output.drain();
            handedOver = true;
            return new LoadResult(new PluginRuntime(context, output, watchdog, bindings.getMember("run_batch"),
                    bindings.getMember("drain_log"), migrations, operations, limitHit), null, logged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!handedOver) {
                try {
                    context.close(true);
                } catch (RuntimeException e) {
                    LOG.debugf("closing a context that failed to load: %s", e.getClass().getSimpleName());
                }
            }
        }
    }

    /**
     * Compiles each source file in a fresh context, running none of them, and answers those Python 3
     * cannot compile (at most {@code limit}, in path order), with file (bundle path) and line.
     */
    public List<SyntaxProblem> syntaxProblems(Map<String, String> sources, String srcDir, int limit) {
        try (Context context = newContext(new CappedOutput(1024), new AtomicBoolean())) {
            context.eval(runtimeSource);
            PluginRuntime guard = new PluginRuntime(context, new CappedOutput(1024), watchdog, null, null, List.of(),
                    List.of(), new AtomicBoolean());
            String sourcesJson = JSON.writeValueAsString(sources);
            Value check = context.getBindings("python").getMember("syntax_errors");
            Object answer = guard.guarded(config.sandbox().loadTimeout(),
                    () -> check.execute(sourcesJson, srcDir, limit).asString());
            if (answer instanceof SandboxStop) {
                return List.of();
            }
            List<SyntaxProblem> problems = new ArrayList<>();
            for (JsonNode p : JSON.readTree((String) answer)) {
                problems.add(new SyntaxProblem(p.path("file").asText(), p.path("line").asInt(), p.path("message").asText()));
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource of the sandbox: the runtime, the SDK's files, the warm-up plugin. */
    static String resource(String name) {
        try (InputStream in = PythonSandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
