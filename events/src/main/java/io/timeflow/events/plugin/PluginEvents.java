package io.timeflow.events.plugin;

import io.timeflow.events.EventType;
import io.timeflow.events.Topic;
import java.time.Instant;
import java.util.List;

/** The event types published on {@code timeflow.plugin.v1} by plugin-service. */
public final class PluginEvents {

    private static final String PLUGIN = "plugin";

    public static final EventType<PluginInstalled> INSTALLED = EventType.of(
            "io.timeflow.plugin.installed.v1", PluginInstalled.class, Topic.PLUGIN, PLUGIN,
            "A plugin was installed for the first time; later versions arrive through upgrades.",
            new PluginInstalled("mssql-staging-push", "7b1e2f0a-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "SQL Server staging push",
                    "1.0.0", "1.0.0", "STAGED", List.of("WINDOWS"), List.of("2019.11.20"),
                    Instant.parse("2026-11-23T08:00:00Z")));

    public static final EventType<UpgradeStarted> UPGRADE_STARTED = EventType.of(
            "io.timeflow.plugin.upgrade.started.v1", UpgradeStarted.class, Topic.PLUGIN, PLUGIN,
            "An upgrade of a plugin began; administrative operations on its objects are refused until it ends.",
            new UpgradeStarted("mssql-staging-push", "0d3c5a8e-6f0e-4a43-9c39-2f5a7f1d6b21", "1.0.0", "1.1.0",
                    Instant.parse("2026-11-23T09:00:00Z")));

    public static final EventType<UpgradeSucceeded> UPGRADE_SUCCEEDED = EventType.of(
            "io.timeflow.plugin.upgrade.succeeded.v1", UpgradeSucceeded.class, Topic.PLUGIN, PLUGIN,
            "An upgrade of a plugin committed its migrated objects and new version.",
            new UpgradeSucceeded("mssql-staging-push", "0d3c5a8e-6f0e-4a43-9c39-2f5a7f1d6b21", "1.0.0", "1.1.0", 1250,
                    Instant.parse("2026-11-23T09:00:12Z")));

    public static final EventType<UpgradeFailed> UPGRADE_FAILED = EventType.of(
            "io.timeflow.plugin.upgrade.failed.v1", UpgradeFailed.class, Topic.PLUGIN, PLUGIN,
            "An upgrade of a plugin failed and changed nothing.",
            new UpgradeFailed("mssql-staging-push", "0d3c5a8e-6f0e-4a43-9c39-2f5a7f1d6b21", "1.0.0", "1.1.0",
                    "SCHEMA_VALIDATION_FAILED",
                    "virtual source 42 after migration 2019.11.20: /port must be >= 0",
                    Instant.parse("2026-11-23T09:00:05Z")));

    public static List<EventType<?>> all() {
        return List.of(INSTALLED, UPGRADE_STARTED, UPGRADE_SUCCEEDED, UPGRADE_FAILED);
    }

    private PluginEvents() {
    }
}
