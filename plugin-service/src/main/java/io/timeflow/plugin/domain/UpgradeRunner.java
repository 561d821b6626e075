package io.timeflow.plugin.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.runtime.ShutdownEvent;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.jobs.JobThreads;
import io.timeflow.plugin.config.PluginServiceConfig;
import io.timeflow.plugin.persistence.ObjectRepository;
import io.timeflow.plugin.sandbox.PluginLog;
import io.timeflow.plugin.sandbox.PluginRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Runs upgrade jobs in the background, a few at a time (upgrades of different plugins run side by
 * side). A job takes the plugin's objects type by type in batches, opens their sensitive values,
 * runs each batch through the new migrations of its type in the sandbox, validates only the final
 * output against the new schema, seals it again and writes the per-object report; then it commits
 * everything at once, or fails having changed nothing. What each object of a batch came to (its error, or its
 * validated and sealed form, as a report line) is {@link BatchResults}'s.
 */
@ApplicationScoped
public class UpgradeRunner {

    private static final Logger LOG = Logger.getLogger(UpgradeRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Sorts before every UUID in PostgreSQL, which compares UUIDs as unsigned bytes. */
    private static final UUID BEFORE_ALL = new UUID(0L, 0L);

    private final UpgradeStore store;
    private final PluginLoader loader;
    private final ObjectSealer sealer;
    private final BatchResults results;
    private final SchemaCache schemas;
    private final PluginServiceConfig config;
    private final JobThreads workers;

    @Inject
    public UpgradeRunner(UpgradeStore store, PluginLoader loader, ObjectSealer sealer, SchemaCache schemas,
            PluginServiceConfig config) {
        this.store = store;
        this.loader = loader;
        this.sealer = sealer;
        this.results = new BatchResults(sealer);
        this.schemas = schemas;
        this.config = config;
        this.workers = new JobThreads("plugin-upgrade", config.upgrade().workers());
    }

    void stop(@Observes ShutdownEvent event) {
        workers.close();
    }

    /**
     * Runs the upgrade in the background; the job owns {@code loaded} (the new version, loaded) and
     * {@code lease} (which tells the other replicas that this one runs it) and closes both when it ends.
     */
    public void submit(UUID upgradeId, PluginLoader.Loaded loaded, JobLeases.Lease lease) {
        workers.submit("upgrade " + upgradeId, lease, () -> runAndClose(upgradeId, loaded));
    }

    void runAndClose(UUID upgradeId, PluginLoader.Loaded loaded) {
        PluginLoader.Loaded current = loaded;
        try {
            if (current == null) {
                current = loader.load(loader.read(store.bundleOf(upgradeId)));
            }
            run(upgradeId, current);
        } catch (RuntimeException | Error | IOException e) {
            String reference = UUID.randomUUID().toString();
            LOG.errorf(e, "upgrade %s failed unexpectedly (reference %s)", upgradeId, reference);
            try {
                store.fail(upgradeId, UpgradeCode.INTERNAL_ERROR, "the upgrade failed unexpectedly and changed "
                        + "nothing; the operators can find reference " + reference + " in the service's log", null);
            } catch (RuntimeException again) {
                LOG.errorf(again, "upgrade %s could not be marked failed", upgradeId);
            }
        } finally {
            if (current != null) {
                current.close();
            }
        }
    }

    /** A batch of objects of one type for a lane, numbered from {@code firstSeq}. */
    record Batch(ObjectType type, List<Migration> chain, int[] indexes, List<ObjectRepository.Stored> objects,
            long firstSeq) {
    }

    private static final Batch END = new Batch(null, List.of(), new int[0], List.of(), -1);

    void run(UUID upgradeId, PluginLoader.Loaded loaded) throws IOException {
        UpgradeStore.Started started = store.start(upgradeId);
        Upgrade upgrade = started.upgrade();
        UpgradeJob job = new UpgradeJob(upgradeId, upgrade.pluginId(), loaded, schemas.of(started.fromVersion()),
                PluginService.migrationsOf(upgrade.migrationsJson()), started.objects(), config.sandbox().outputLimit(),
                config.sandbox().logLimit());
        long begin = System.nanoTime();
        int lanes = (int) Math.max(1, Math.min(config.upgrade().sandboxes(), 1 + started.objects()
                / Math.max(1, config.upgrade().batchSize())));
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(lanes * 2);
        ExecutorService laneThreads = Executors.newFixedThreadPool(lanes, r -> {
            Thread t = new Thread(r, "plugin-upgrade-lane");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> running = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            boolean first = lane == 0;
            running.add(laneThreads.submit(() -> {
                lane(job, queue, first);
                return null;
            }));
        }
        try {
            long seq = 0;
            for (ObjectType type : ObjectType.values()) {
                List<Migration> chain = job.planned.stream().filter(m -> m.type() == type).toList();
                int[] indexes = loaded.chainIndexes(chain);
                UUID after = BEFORE_ALL;
                while (!job.stopped && running.stream().noneMatch(Future::isDone)) {
                    long t0 = System.nanoTime();
                    List<ObjectRepository.Stored> batch = store.objectsAfter(job.pluginId, type, after,
                            config.upgrade().batchSize());
                    job.readNanos.addAndGet(System.nanoTime() - t0);
                    if (batch.isEmpty()) {
                        break;
                    }
                    after = batch.get(batch.size() - 1).id();
                    offer(queue, new Batch(type, chain, indexes, batch, seq), running);
                    seq += batch.size();
                }
            }
        } finally {
            for (int lane = 0; lane < lanes; lane++) {
                offer(queue, END, running);
            }
            laneThreads.shutdown();
        }
        for (Future<?> lane : running) {
            try {
                lane.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while upgrading", e);
            }
        }
        if (job.logLeftOut > 0) {
            PluginLog.write(job.logContext(), List.of(), job.logLeftOut, UnaryOperator.identity());
        }
        String output = job.output.isEmpty() ? null : job.output.toString();
        LOG.infof("upgrade %s of plugin %s went through %d objects in %d ms on %d sandboxes (summed over them: read %d, "
                        + "open %d, sandbox %d, validate and seal %d, write %d): %d failed", upgradeId, job.pluginId,
                job.processed, (System.nanoTime() - begin) / 1_000_000, lanes, job.readNanos.get() / 1_000_000,
                job.openNanos.get() / 1_000_000, job.sandboxNanos.get() / 1_000_000, job.checkNanos.get() / 1_000_000,
                job.writeNanos.get() / 1_000_000, job.failed);
        if (job.first != null) {
            String more = job.failed > 1 ? " (and " + (job.failed - 1) + " more objects failed)" : "";
            String skipped = job.stopped && started.objects() > job.processed
                    ? "; " + (started.objects() - job.processed) + " objects were not run" : "";
            store.fail(upgradeId, job.first.code(), job.first.message() + more + skipped, output);
        } else if (upgrade.dryRun()) {
            store.dryRunSucceeded(upgradeId, output);
        } else {
            store.commit(upgradeId, loaded.bundle(), loaded.migrations(), loaded.runtime().operations(), output);
        }
    }

    /** Hands a batch to the lanes, unless they all ended (a lane that fails ends the job). */
    private static void offer(BlockingQueue<Batch> queue, Batch batch, List<Future<?>> lanes) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (lanes.stream().allMatch(Future::isDone)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while upgrading", e);
        }
    }

    /**
     * One lane: a sandbox of the new version (the job's own for the first lane, a fresh context of
     * the same version for the others) taking batches until told to end.
     */
    private void lane(UpgradeJob job, BlockingQueue<Batch> queue, boolean first) throws IOException, InterruptedException {
        PluginLoader.Loaded own = null;
        PluginRuntime runtime = job.loaded.runtime();
        try {
            while (true) {
                Batch batch = queue.take();
                if (batch == END) {
                    return;
                }
                if (job.stopped) {
                    continue;
                }
                if (!first && own == null && !batch.chain().isEmpty()) {
                    own = loader.load(job.loaded.bundle());
                    runtime = own.runtime();
                }
                List<ReportLine> rows = runBatch(job, runtime, batch);
                long t1 = System.nanoTime();
                long[] progress = job.progressed(batch.objects().size());
                store.saveBatch(job.upgradeId, rows, progress[0], progress[1]);
                job.writeNanos.addAndGet(System.nanoTime() - t1);
            }
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private List<ReportLine> runBatch(UpgradeJob job, PluginRuntime runtime, Batch work) throws IOException {
        ObjectType type = work.type();
        List<Migration> chain = work.chain();
        List<ObjectRepository.Stored> batch = work.objects();
        long t0 = System.nanoTime();
        Redactor redactor = new Redactor();
        List<JsonNode> plain = new ArrayList<>(batch.size());
        ArrayNode input = JSON.createArrayNode();
        for (ObjectRepository.Stored stored : batch) {
            JsonNode data = JSON.readTree(stored.sealedDataJson());
            List<String> sensitive = job.oldSchema.sensitivePointers(type, data);
            JsonNode open = sealer.open(job.pluginId, stored.id(), data, sensitive);
            BatchResults.collectSecrets(job, redactor, type, open, sensitive);
            plain.add(open);
            input.add(open);
        }

        long t1 = System.nanoTime();
        job.openNanos.addAndGet(t1 - t0);
        List<JsonNode> answers = new ArrayList<>(batch.size());
        PluginRuntime.Stopped stop = null;
        if (chain.isEmpty()) {
            plain.forEach(p -> answers.add(JSON.createObjectNode().set("ok", p)));
        } else {
            PluginRuntime.BatchOutcome outcome = runtime.run(work.indexes(), input.toString(),
                    config.sandbox().callTimeout());
            if (outcome instanceof PluginRuntime.Completed completed) {
                JSON.readTree(completed.answersJson()).forEach(answers::add);
            } else {
                stop = (PluginRuntime.Stopped) outcome;
                job.stopped = true;
            }
        }

        long t2 = System.nanoTime();
        job.sandboxNanos.addAndGet(t2 - t1);
        List<ReportLine> rows = stop != null ? results.afterStop(job, work, stop)
                : results.judge(job, work, answers, redactor);
        if (!chain.isEmpty()) {
            job.keepOutput(redactor.redact(runtime.drainOutput()));
            PluginRuntime.LogDrain logged = runtime.drainLog();
            PluginLog.write(job.logContext(), job.admitLog(logged.records(), logged.dropped()), 0, redactor::redact);
        }
        job.checkNanos.addAndGet(System.nanoTime() - t2);
        return rows;
    }
}
