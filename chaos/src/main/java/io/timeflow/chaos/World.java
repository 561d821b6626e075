package io.timeflow.chaos;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the workload's processes share: what the setup made (environments, dSources, the plugin, the
 * policies), and what the processes learn as they go (snapshots they may provision from).
 */
final class World {

    /** A dSource the setup linked, with what its agent reports. */
    record LinkedDSource(UUID id, String name, UUID environmentId, String pluginId, List<String> files) {
    }

    /** A sync policy the setup made, and the dSources it was assigned. */
    record Policy(UUID id, String cron, List<UUID> dsources) {
    }

    final List<LinkedDSource> dsources = new CopyOnWriteArrayList<>();
    final List<Policy> policies = new CopyOnWriteArrayList<>();
    final List<UUID> snapshots = new CopyOnWriteArrayList<>();
    final List<UUID> vdbs = new CopyOnWriteArrayList<>();
    /** The repository of each environment the setup registered. */
    final Map<UUID, UUID> repositories = new java.util.concurrent.ConcurrentHashMap<>();
    /** Agents started during the run (for dSources linked meanwhile): joined at the end like the others. */
    final List<Thread> spawned = new CopyOnWriteArrayList<>();
    final AtomicInteger names = new AtomicInteger();
    volatile String pluginId;
    /** The plugin version the plugin process last saw installed (1, 2, 3 ...). */
    volatile int pluginGeneration = 1;
    volatile String backupCron;
    volatile boolean running = true;

    String nextName(String prefix) {
        return prefix + "-" + names.incrementAndGet();
    }

    static Map<String, String> keys(String... kv) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
