package io.timeflow.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the agent keeps across restarts beside its queued reports: per dSource, the last msdb
 * restore_history_id it handled, and the hook it is running (so that after a crash the orphaned hook
 * process is stopped and its SnapSync told).
 */
public final class AgentState {

    private final Path file;
    private final ObjectNode root;

    public AgentState(Path dir) {
        this.file = dir.resolve("state.json");
        try {
            Files.createDirectories(dir);
            root = Files.exists(file) ? (ObjectNode) SuiteClient.JSON.readTree(file.toFile())
                    : SuiteClient.JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized int watermark(String dsourceId) {
        return root.path("watermarks").path(dsourceId).asInt(0);
    }

    public synchronized void watermark(String dsourceId, int restoreHistoryId) {
        ObjectNode w = root.has("watermarks") ? (ObjectNode) root.get("watermarks") : root.putObject("watermarks");
        w.put(dsourceId, restoreHistoryId);
        save();
    }

    /** The hook under way, if any: job, lease, process id and start. */
    public synchronized JsonNode hook() {
        return root.path("hook");
    }

    public synchronized void hookStarted(String jobId, String leaseId, long pid, String pidStart) {
        root.putObject("hook").put("jobId", jobId).put("leaseId", leaseId).put("pid", pid).put("pidStart", pidStart);
        save();
    }

    public synchronized void hookEnded() {
        root.remove("hook");
        save();
    }

    private void save() {
        try {
            Path tmp = file.resolveSibling("state.json.tmp");
            Files.writeString(tmp, root.toPrettyString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
