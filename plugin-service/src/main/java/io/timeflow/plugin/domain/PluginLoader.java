package io.timeflow.plugin.domain;

import io.timeflow.plugin.bundle.BundleProblem;
import io.timeflow.plugin.bundle.BundleReader;
import io.timeflow.plugin.bundle.BundleRejectedException;
import io.timeflow.plugin.bundle.PluginBundle;
import io.timeflow.plugin.bundle.PluginConfig;
import io.timeflow.plugin.bundle.PluginConfigReader;
import io.timeflow.plugin.config.PluginServiceConfig;
import io.timeflow.plugin.sandbox.PluginLog;
import io.timeflow.plugin.sandbox.PluginRuntime;
import io.timeflow.plugin.sandbox.PythonSandbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns an uploaded bundle into a loaded plugin version: reads and checks the bundle, loads it into
 * a fresh sandboxed Python context, and checks the migrations its Plugin object registered. Every
 * refusal names the file and line.
 */
@ApplicationScoped
public class PluginLoader {

    /** A plugin version loaded in its own context; close it to free the context. */
    public record Loaded(PluginBundle bundle, PluginRuntime runtime, MigrationSet migrations) implements AutoCloseable {

        /** Index of each migration in the runtime's registration order, for running chains. */
        public int[] chainIndexes(List<Migration> chain) {
            Map<MigrationId, Integer> byId = new HashMap<>();
            List<PluginRuntime.DeclaredMigration> declared = runtime.migrations();
            for (int i = 0; i < declared.size(); i++) {
                byId.put(MigrationId.parse(declared.get(i).id()), i);
            }
            return chain.stream().mapToInt(m -> byId.get(m.id())).toArray();
        }

        @Override
        public void close() {
            runtime.close();
        }
    }

    private final PythonSandbox sandbox;
    private final BundleReader reader;

    @Inject
    public PluginLoader(PythonSandbox sandbox, PluginServiceConfig config) {
        this.sandbox = sandbox;
        this.reader = new BundleReader(config.bundle().maxUncompressedBytes(), config.bundle().maxEntries());
    }

    /** Python 2 code pointed at when a Python 2 plugin is refused, at most. */
    static final int PYTHON2_LINES_NAMED = 10;

    /**
     * Reads and checks a bundle without running any of its code. A Python 2 plugin is refused with
     * {@code UNSUPPORTED_LANGUAGE}, naming each file and line of Python 2 code that Python 3 cannot
     * compile (the sources are compiled in the sandbox, not run), then the config's language line.
     */
    public PluginBundle read(byte[] zip) {
        PluginBundle bundle = reader.read(zip);
        PluginConfig config = bundle.config();
        if (PluginConfigReader.isPython2(config.language())) {
            List<BundleProblem> problems = new ArrayList<>();
            for (PythonSandbox.SyntaxProblem p : sandbox.syntaxProblems(bundle.sources(), config.srcDir(),
                    PYTHON2_LINES_NAMED)) {
                problems.add(BundleProblem.at(p.file(), p.line(), "Python 2 code that Python 3 cannot run: "
                        + p.message()));
            }
            problems.add(BundleProblem.at(PluginConfig.FILE, config.lineOf("language"),
                    PluginConfigReader.python2Refusal(config.language())));
            throw new BundleRejectedException(PluginProblem.UNSUPPORTED_LANGUAGE, problems);
        }
        return bundle;
    }

    /**
     * Loads the bundle into a fresh sandboxed context.
     *
     * @throws BundleRejectedException when the plugin does not load or its migration ids are wrong
     */
    public Loaded load(PluginBundle bundle) {
        PluginConfig config = bundle.config();
        PythonSandbox.LoadResult result = sandbox.load(bundle.sources(), config.srcDir(), config.entryModule(),
                config.entryObject(), bundle.schema().definitionsJson());
        PluginLog.write("plugin " + config.id() + " " + config.externalVersion() + " (loading)", result.log().records(),
                result.log().dropped(), UnaryOperator.identity());
        if (result.failure() != null) {
            throw new BundleRejectedException(PluginProblem.INVALID_BUNDLE, problem(bundle, result.failure()));
        }
        PluginRuntime runtime = result.runtime();
        try {
            MigrationSet migrations = MigrationSet.check(runtime.migrations().stream()
                    .map(m -> new MigrationSet.Declared(m.id(), m.idType(), m.type(), m.function(), m.file(), m.line()))
                    .toList());
            return new Loaded(bundle, runtime, migrations);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    static BundleProblem problem(PluginBundle bundle, PythonSandbox.LoadFailure failure) {
        PluginConfig config = bundle.config();
        String entryFile = bundle.bundlePath(entryModuleFile(bundle));
        int entryLine = config.lineOf("entryPoint");
        String what = failure.exception() == null ? failure.message() : failure.exception() + ": " + failure.message();
        return switch (failure.kind()) {
            case "SYNTAX" -> BundleProblem.at(failure.file() == null ? entryFile : failure.file(), failure.line(),
                    "syntax error: " + failure.message());
            case "ENTRY_MODULE_MISSING" -> BundleProblem.at(PluginConfig.FILE, entryLine,
                    "entryPoint " + config.entryPoint() + " cannot be imported: " + what);
            case "ENTRY_OBJECT_MISSING" -> BundleProblem.at(PluginConfig.FILE, entryLine,
                    "entryPoint " + config.entryPoint() + " does not exist: " + failure.message());
            case "NOT_A_PLUGIN" -> BundleProblem.at(PluginConfig.FILE, entryLine,
                    "entryPoint " + config.entryPoint() + " must name a dlpx.virtualization.platform.Plugin: "
                            + failure.message());
            case "STOPPED" -> BundleProblem.inFile(entryFile, "loading the plugin " + failure.message());
            default -> failure.file() != null
                    ? BundleProblem.at(failure.file(), failure.line(), "loading the plugin failed: " + what)
                    : BundleProblem.inFile(entryFile, "loading the plugin failed: " + what);
        };
    }

    private static String entryModuleFile(PluginBundle bundle) {
        String path = bundle.config().entryModule().replace('.', '/');
        return bundle.sources().containsKey(path + ".py") ? path + ".py" : path + "/__init__.py";
    }
}
