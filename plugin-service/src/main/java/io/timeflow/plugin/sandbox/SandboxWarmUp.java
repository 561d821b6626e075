package io.timeflow.plugin.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.timeflow.plugin.config.PluginServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Warms the Python sandbox up after the start, on a thread of its own: builds its engine, then runs
 * {@code warm-up-objects} generated objects through the warm-up plugin, so that the JVM has compiled the interpreter
 * before the first upgrade (ADR 0036). Before each step it waits while the machine's other processes keep more than
 * half of its CPUs busy ({@code warm-up-yields}, ADR 0165): the suite's first minutes under load are not slowed by it,
 * and an upgrade started meanwhile runs as it would without a warm-up.
 */
@ApplicationScoped
public class SandboxWarmUp {

    private static final Logger LOG = Logger.getLogger(SandboxWarmUp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the warm-up did: objects migrated, its wall time and the CPU time the whole process used
     * meanwhile (the JIT compiler's threads included), in milliseconds; {@code failure}, when it failed, says how
     * (never an exception's message, which could quote what plugin code printed).
     */
    public record WarmUp(long objects, long millis, long processCpuMillis, String failure, long waitedMillis) {
    }

    private final PythonSandbox sandbox;
    private final PluginServiceConfig config;
    private final CompletableFuture<WarmUp> warmedUp = new CompletableFuture<>();

    @Inject
    public SandboxWarmUp(PythonSandbox sandbox, PluginServiceConfig config) {
        this.sandbox = sandbox;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (config.sandbox().warmUp()) {
            Thread warm = new Thread(this::warmUp, "plugin-sandbox-warm-up");
            warm.setDaemon(true);
            warm.start();
        } else {
            warmedUp.complete(new WarmUp(0, 0, 0, null, 0));
        }
    }

    /** Completes when the warm-up has ended (or at start when there is none). */
    public CompletionStage<WarmUp> warmedUp() {
        return warmedUp;
    }

    void warmUp() {
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        long migrated = 0;
        String failure = null;
        Pauses pauses = config.sandbox().warmUpYields() ? new Pauses(MachineLoad.ofThisMachine()) : new Pauses(null);
        try {
            pauses.awaitQuiet();
            sandbox.prepare();
            int objects = config.sandbox().warmUpObjects();
            if (objects > 0) {
                migrated = runWarmUpPlugin(objects, pauses);
                LOG.infof("Python sandbox warmed up: %d generated objects through 3 migrations in %d ms "
                        + "(%d ms of it waiting while other processes were busy)", migrated,
                        (System.nanoTime() - start) / 1_000_000, pauses.waited);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (WarmUpFailed e) {
            failure = e.getMessage();
            LOG.warnf("warming up the Python sandbox failed: %s", failure);
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName();
            LOG.warnf("warming up the Python sandbox failed: %s", failure);
        } finally {
            warmedUp.complete(new WarmUp(migrated, (System.nanoTime() - start) / 1_000_000,
                    (processCpuNanos() - cpuStart) / 1_000_000, failure, pauses.waited));
        }
    }

    /**
     * The warm-up's waits for a quiet machine (none without a {@link MachineLoad}), and the milliseconds they took.
     * The first time it finds the machine busy, it says so in the log.
     */
    final class Pauses {
        private final MachineLoad load;
        private boolean told;
        long waited;

        Pauses(MachineLoad load) {
            this.load = load;
        }

        void awaitQuiet() throws InterruptedException {
            if (load == null) {
                return;
            }
            waited += load.awaitQuiet(sandbox::shuttingDown, () -> {
                if (!told) {
                    told = true;
                    LOG.info("the Python sandbox warm-up waits: other processes keep more than half of the machine's "
                            + "CPUs busy (it goes on when they are quieter)");
                }
            });
        }
    }

    /** Runs generated objects through the warm-up plugin; answers how many it migrated (all, or it throws). */
    long runWarmUpPlugin(int objects) {
        try {
            return runWarmUpPlugin(objects, new Pauses(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarmUpFailed("interrupted");
        }
    }

    /** As {@link #runWarmUpPlugin(int)}, each batch after {@code pauses} waited for a quiet machine. */
    long runWarmUpPlugin(int objects, Pauses pauses) throws InterruptedException {
        PythonSandbox.LoadResult loaded = sandbox.load(Map.of("warmup.py", PythonSandbox.resource("warmup/warmup.py")),
                "src", "warmup", "plugin", "{}");
        if (loaded.failure() != null) {
            PythonSandbox.LoadFailure failure = loaded.failure();
            throw new WarmUpFailed(failure.stop() != null
                    ? "the warm-up plugin " + failure.stop().description() + " while it loaded"
                    : "the warm-up plugin did not load: " + failure.kind());
        }
        long migrated = 0;
        try (PluginRuntime runtime = loaded.runtime()) {
            int[] chain = {0, 1, 2};
            int batchSize = 1000;
            for (int first = 0; first < objects && !sandbox.shuttingDown(); first += batchSize) {
                pauses.awaitQuiet();
                PluginRuntime.BatchOutcome outcome = runtime.run(chain,
                        warmUpBatch(first, Math.min(batchSize, objects - first)), config.sandbox().callTimeout());
                if (outcome instanceof PluginRuntime.Stopped stopped) {
                    throw new WarmUpFailed("the warm-up plugin " + stopped.reason().description());
                }
                PluginRuntime.Completed completed = (PluginRuntime.Completed) outcome;
                for (JsonNode answer : JSON.readTree(completed.answersJson())) {
                    if (!answer.has("ok")) {
                        throw new WarmUpFailed("the warm-up plugin failed an object: " + answer.path("error").path("kind").asText());
                    }
                    migrated++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return migrated;
    }

    /** Objects shaped like a plugin's repositories, varied so that every branch of the migrations runs. */
    static String warmUpBatch(int first, int count) {
        ArrayNode batch = JSON.createArrayNode();
        for (int i = first; i < first + count; i++) {
            ObjectNode o = batch.addObject();
            o.put("name", " Instance " + i + " ");
            o.put("notes", "generated object " + i);
            o.put("installPath", (i % 3 == 0 ? "/opt/app/" : "/u01/app/") + i % 97);
            o.put("version", i % 5 + "." + i % 11);
            if (i % 2 == 0) {
                o.put("port", String.valueOf(5000 + i % 1000));
            } else {
                o.put("port", 5000 + i % 1000);
            }
            o.put("encoding", i % 4 == 0 ? "utf-8" : "latin1");
            o.putArray("tags").add(" Prod ").add("db" + i % 7).add("").add("PROD");
            ArrayNode options = o.putArray("options");
            options.addObject().put("name", "a").put("enabled", i % 2 == 0);
            options.addObject().put("name", "b");
            o.put("retention", i % 500);
            o.putObject("flags").put("x", 1).put("y", 0).putNull("z");
            o.put("size", i * 1024L);
            o.put("enabled", i % 3 != 1);
        }
        return batch.toString();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** The warm-up failed in a way its own message describes (it quotes no plugin output). */
    static final class WarmUpFailed extends RuntimeException {
        WarmUpFailed(String message) {
            super(message, null, false, false);
        }
    }
}
