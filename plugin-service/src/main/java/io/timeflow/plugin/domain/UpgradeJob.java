package io.timeflow.plugin.domain;

import io.timeflow.plugin.sandbox.PluginLogRecord;
import io.timeflow.plugin.schema.PluginSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The state of one upgrade while {@link UpgradeRunner} runs it, shared by its lanes: what it migrates, its counts
 * and first failure, the plugin's output and log within their limits, and where the time goes.
 */
final class UpgradeJob {

    private static final Logger LOG = Logger.getLogger(UpgradeRunner.class);

    /** The first failure of a job, which names its upgrade's failure. */
    record Failure(UpgradeCode code, String message) {
    }

    final UUID upgradeId;
    final String pluginId;
    final PluginLoader.Loaded loaded;
    final PluginSchema oldSchema;
    final PluginSchema newSchema;
    final List<Migration> planned;
    final long total;
    private final int outputLimit;
    private final long logLimit;
    final StringBuilder output = new StringBuilder();
    boolean outputCut;
    /** Characters of plugin log records written to the service's log, and records left out past the limit. */
    long logChars;
    long logLeftOut;
    /** Where the time goes, for the log: reading, opening, the sandbox, validating and sealing, writing. */
    final AtomicLong readNanos = new AtomicLong();
    final AtomicLong openNanos = new AtomicLong();
    final AtomicLong sandboxNanos = new AtomicLong();
    final AtomicLong checkNanos = new AtomicLong();
    final AtomicLong writeNanos = new AtomicLong();
    long lastLogged = System.nanoTime();
    long processed;
    long done;
    long failed;
    Failure first;
    volatile boolean stopped;

    UpgradeJob(UUID upgradeId, String pluginId, PluginLoader.Loaded loaded, PluginSchema oldSchema,
            List<Migration> planned, long total, int outputLimit, long logLimit) {
        this.upgradeId = upgradeId;
        this.pluginId = pluginId;
        this.loaded = loaded;
        this.oldSchema = oldSchema;
        this.newSchema = loaded.bundle().schema().schema();
        this.planned = planned;
        this.total = total;
        this.outputLimit = outputLimit;
        this.logLimit = logLimit;
    }

    String logContext() {
        return "plugin " + pluginId + " upgrade " + upgradeId;
    }

    synchronized void failed(UpgradeCode code, String message) {
        failed++;
        if (first == null) {
            first = new Failure(code, message);
        }
    }

    synchronized void migrated() {
        done++;
    }

    /** Progress after a batch, as saved with it; logs now and then. */
    synchronized long[] progressed(int objects) {
        processed += objects;
        if (System.nanoTime() - lastLogged > 10_000_000_000L) {
            lastLogged = System.nanoTime();
            LOG.infof("upgrade %s of plugin %s: %d of %d objects", upgradeId, pluginId, processed, total);
        }
        return new long[] {done, failed};
    }

    /** The records that still fit in the upgrade's share of the service's log; counts the others. */
    synchronized List<PluginLogRecord> admitLog(List<PluginLogRecord> records, long dropped) {
        logLeftOut += dropped;
        List<PluginLogRecord> admitted = new ArrayList<>();
        for (PluginLogRecord record : records) {
            if (logChars + record.text().length() > logLimit) {
                logLeftOut++;
            } else {
                logChars += record.text().length();
                admitted.add(record);
            }
        }
        return admitted;
    }

    synchronized void keepOutput(String text) {
        if (text == null || text.isEmpty() || outputCut) {
            return;
        }
        int room = outputLimit - output.length();
        if (text.length() > room) {
            output.append(text, 0, Math.max(0, room)).append("\n[the rest of the output was cut]\n");
            outputCut = true;
        } else {
            output.append(text);
        }
    }
}
