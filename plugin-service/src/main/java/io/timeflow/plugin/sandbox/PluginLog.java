package io.timeflow.plugin.sandbox;

import java.util.List;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Writes what plugins log through {@code PlatformHandler} to the service's log, under the category
 * {@value #CATEGORY}: Python's DEBUG as DEBUG, INFO as INFO, WARNING as WARN, ERROR and CRITICAL as
 * ERROR, each line prefixed with what was running (plugin, version, upgrade). Every line goes
 * through the caller's redaction first.
 */
public final class PluginLog {

    public static final String CATEGORY = "io.timeflow.plugin.log";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private PluginLog() {
    }

    /** The service's level for a Python logging level. */
    static Logger.Level level(int pythonLevel) {
        if (pythonLevel <= 10) {
            return Logger.Level.DEBUG;
        }
        if (pythonLevel <= 20) {
            return Logger.Level.INFO;
        }
        return pythonLevel <= 30 ? Logger.Level.WARN : Logger.Level.ERROR;
    }

    /**
     * Writes the records, redacted.
     *
     * @param context what was running, e.g. {@code plugin 1c3e... 1.3.0 upgrade 42f0...}
     * @param dropped records not written (over the sandbox's buffer or the upgrade's share of the log),
     *                reported in one line
     */
    public static void write(String context, List<PluginLogRecord> records, long dropped, UnaryOperator<String> redact) {
        for (PluginLogRecord record : records) {
            // the text as it is (no format pattern: plugin text may hold % or {})
            LOG.log(level(record.level()), (Object) (context + ": " + redact.apply(record.text())));
        }
        if (dropped > 0) {
            LOG.warnf("%s: %d more records were logged than the service writes to its log for one upgrade or "
                    + "batch; they are not in this log", context, dropped);
        }
    }
}
