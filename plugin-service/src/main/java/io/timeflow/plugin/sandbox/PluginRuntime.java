package io.timeflow.plugin.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.jboss.logging.Logger;

/**
 * One plugin version loaded in a sandboxed Python context of its own. It runs batches of objects
 * through chains of the plugin's data migrations, each call under a wall-clock limit (a watchdog
 * interrupts it, or closes the context when it will not stop) and a statement limit. After the
 * sandbox stopped anything the runtime is unusable: close it and load the plugin afresh.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class PluginRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PluginRuntime.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WATCH_EVERY_MS = 25;

    /** A data migration as the plugin's Plugin object registered it. */
    public record DeclaredMigration(
            /** the id as written, or null when it is not a string */
            String id,
            /** the Python type of the id, e.g. str or float */
            String idType,
            /** the decorator, e.g. linked_source */
            String type,
            String function,
            /** bundle path of the file, e.g. src/migrations.py */
            String file,
            int line) {
    }

    /** What a batch came to: every object's answer, or a stop by the sandbox. */
    public sealed interface BatchOutcome {
    }

    /**
     * The batch ran.
     *
     * @param answersJson a JSON array with, per object, {@code {"ok": object}} or {@code {"error": {...}}}
     */
    public record Completed(String answersJson) implements BatchOutcome {
    }

    /**
     * The sandbox stopped the batch while object {@code objectIndex} was in migration {@code step}
     * of the chain (both -1 when no migration had started).
     */
    public record Stopped(SandboxStop reason, int objectIndex, int step) implements BatchOutcome {
    }

    /** What the plugin logged through {@code PlatformHandler} since the last drain, and how many records the sandbox did not keep. */
    public record LogDrain(List<PluginLogRecord> records, long dropped) {

        static final LogDrain NONE = new LogDrain(List.of(), 0);
    }

    private final Context context;
    private final CappedOutput output;
    private final ScheduledExecutorService watchdog;
    private final Value runBatch;
    private final Value drainLog;
    private final List<DeclaredMigration> migrations;
    private final List<String> operations;
    private final AtomicBoolean statementLimitHit;

    private volatile long tickAt;
    private volatile int tickObject = -1;
    private volatile int tickStep = -1;
    private volatile boolean timedOut;
    private boolean broken;

    PluginRuntime(Context context, CappedOutput output, ScheduledExecutorService watchdog, Value runBatch,
            Value drainLog, List<DeclaredMigration> migrations, List<String> operations,
            AtomicBoolean statementLimitHit) {
        this.context = context;
        this.output = output;
        this.watchdog = watchdog;
        this.runBatch = runBatch;
        this.drainLog = drainLog;
        this.migrations = List.copyOf(migrations);
        this.operations = List.copyOf(operations);
        this.statementLimitHit = statementLimitHit;
    }

    /** The migrations the plugin registered, in registration order (a chain refers to them by index). */
    public List<DeclaredMigration> migrations() {
        return migrations;
    }

    /** The other operations the plugin registered, e.g. {@code linked.pre_snapshot}. */
    public List<String> operations() {
        return operations;
    }

    /**
     * Runs each object of {@code objectsJson} (a JSON array) through the migrations at
     * {@code chain} (indexes into {@link #migrations()}), in order.
     */
    public BatchOutcome run(int[] chain, String objectsJson, Duration callTimeout) {
        if (broken) {
            throw new IllegalStateException("the runtime was stopped by the sandbox; load the plugin again");
        }
        StringBuilder indexes = new StringBuilder("[");
        for (int i = 0; i < chain.length; i++) {
            indexes.append(i == 0 ? "" : ",").append(chain[i]);
        }
        indexes.append(']');
        ProxyExecutable tick = args -> {
            tickObject = args[0].asInt();
            tickStep = args[1].asInt();
            tickAt = System.nanoTime();
            context.resetLimits();
            return null;
        };
        tickObject = -1;
        tickStep = -1;
        Object outcome = guarded(callTimeout, () -> runBatch.execute(indexes.toString(), objectsJson, tick).asString());
        if (outcome instanceof SandboxStop stop) {
            return new Stopped(stop, tickObject, tickStep);
        }
        return new Completed((String) outcome);
    }

    /**
     * Runs {@code work} in the context under the watchdog: returns its result, or the reason the
     * sandbox stopped it (the runtime is then broken).
     */
    Object guarded(Duration timeout, java.util.function.Supplier<Object> work) {
        long limit = timeout.toNanos();
        timedOut = false;
        statementLimitHit.set(false);
        tickAt = System.nanoTime();
        context.resetLimits();
        ScheduledFuture<?> guard = watchdog.scheduleWithFixedDelay(() -> {
            if (!timedOut && System.nanoTime() - tickAt > limit) {
                timedOut = true;
                stop();
            }
        }, WATCH_EVERY_MS, WATCH_EVERY_MS, TimeUnit.MILLISECONDS);
        try {
            return work.get();
        } catch (PolyglotException e) {
            broken = true;
            return classify(e);
        } catch (IllegalStateException e) {
            // the watchdog closed the context under the call
            broken = true;
            return timedOut ? SandboxStop.TIME_LIMIT : SandboxStop.SANDBOX_ERROR;
        } finally {
            guard.cancel(false);
        }
    }

    private void stop() {
        try {
            context.interrupt(Duration.ofSeconds(2));
        } catch (TimeoutException | RuntimeException e) {
            LOG.warnf("a plugin call did not stop when interrupted; closing its context (%s)", e.getClass().getSimpleName());
            try {
                context.close(true);
            } catch (RuntimeException closing) {
                LOG.debugf("closing a stuck context: %s", closing.getClass().getSimpleName());
            }
        }
    }

    private SandboxStop classify(PolyglotException e) {
        if (timedOut) {
            return SandboxStop.TIME_LIMIT;
        }
        if (statementLimitHit.get() || e.isResourceExhausted()) {
            return SandboxStop.STATEMENT_LIMIT;
        }
        if (e.isExit()) {
            return SandboxStop.EXIT;
        }
        SandboxStop marked = markedStop(e);
        if (marked != null) {
            return marked;
        }
        // the context's own refusal of something the runtime did not shut, or a failure of the sandbox
        LOG.debugf("the sandbox stopped plugin code: %s", e.isInternalError() ? "internal error" : "guest error");
        return SandboxStop.SANDBOX_ERROR;
    }

    /**
     * The kind of stop the runtime raised when plugin code reached for the network, a process or a thread (its
     * {@code _Stopped} exception names a {@link SandboxStop}); null for any other exception.
     */
    private static SandboxStop markedStop(PolyglotException e) {
        if (!e.isGuestException()) {
            return null;
        }
        try {
            Value guest = e.getGuestObject();
            if (guest == null || !guest.hasMember("timeflow_stop")) {
                return null;
            }
            return SandboxStop.valueOf(guest.getMember("timeflow_stop").asString());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** What the plugin printed or logged since the last call, then forgotten. Not redacted. */
    public String drainOutput() {
        return output.drain();
    }

    /**
     * What the plugin logged through {@code PlatformHandler} since the last call, then forgotten. Not
     * redacted. Nothing once the sandbox has stopped the runtime.
     */
    public LogDrain drainLog() {
        if (broken) {
            return LogDrain.NONE;
        }
        try {
            JsonNode answer = JSON.readTree(drainLog.execute().asString());
            List<PluginLogRecord> records = new ArrayList<>();
            for (JsonNode record : answer.path("records")) {
                records.add(new PluginLogRecord(record.path(0).asInt(), record.path(1).asText()));
            }
            return new LogDrain(records, answer.path("dropped").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PolyglotException | IllegalStateException e) {
            LOG.debugf("draining a plugin's log failed: %s", e.getClass().getSimpleName());
            return LogDrain.NONE;
        }
    }

    /** Whether the sandbox stopped something in this runtime (it must then be closed). */
    public boolean broken() {
        return broken;
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            LOG.debugf("closing a plugin context: %s", e.getClass().getSimpleName());
        }
    }
}
