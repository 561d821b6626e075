package io.timeflow.chaos;

import io.timeflow.client.plugin.api.PluginObjectsApi;
import io.timeflow.client.plugin.api.PluginsApi;
import io.timeflow.client.plugin.api.UpgradesApi;
import io.timeflow.client.plugin.model.NewPluginObject;
import io.timeflow.client.plugin.model.ObjectType;
import io.timeflow.client.plugin.model.Plugin;
import io.timeflow.client.plugin.model.PluginObject;
import io.timeflow.client.plugin.model.Upgrade;
import io.timeflow.client.plugin.model.UpgradeState;
import java.io.File;
import java.time.Duration;
import java.util.Map;

/**
 * A plugin administrator: upgrades the run's plugin to its next version every so often (each upgrade
 * migrates every object of the plugin: a few thousand) and follows the upgrade to its end, adding a
 * few objects between upgrades and trying to while one runs (refused then).
 */
final class PluginOperator extends Worker {

    private final Duration every;

    PluginOperator(String name, History history, Clients clients, World world, long seed, Duration every) {
        super(name, history, clients, world, seed);
        this.every = every;
    }

    @Override
    void work() throws InterruptedException {
        String pluginId = world.pluginId;
        while (running()) {
            pause(every.dividedBy(2), every);
            if (!running()) {
                return;
            }
            Recorder.Answer<Plugin> plugin = call("plugin.get", World.keys("plugin", pluginId), "",
                    () -> new PluginsApi(clients.plugin(random)).getPlugin(pluginId),
                    p -> p.getVersion() + " " + p.getState());
            if (!plugin.ok()) {
                continue;
            }
            int generation = generationOf(plugin.value().getVersion());
            world.pluginGeneration = generation;
            addObjects(pluginId, generation, 1 + random.nextInt(5));
            int next = generation + 1;
            File bundle;
            try {
                bundle = ChaosPlugin.file(pluginId, next);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Recorder.Answer<Upgrade> requested = call("upgrade.request", World.keys("plugin", pluginId),
                    ChaosPlugin.version(generation) + " -> " + ChaosPlugin.version(next),
                    () -> new UpgradesApi(clients.plugin(random)).upgradePlugin(pluginId, bundle, false),
                    u -> u.getState().getValue(), u -> World.keys("upgrade", String.valueOf(u.getId())));
            if (requested.ok()) {
                follow(pluginId, requested.value(), generation);
            }
        }
    }

    private void follow(String pluginId, Upgrade upgrade, int generation) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < until) {
            pause(Duration.ofMillis(700), Duration.ofMillis(1500));
            Recorder.Answer<Upgrade> now = call("upgrade.get", World.keys("plugin", pluginId, "upgrade",
                            upgrade.getId().toString()), "",
                    () -> new UpgradesApi(clients.plugin(random)).getUpgrade(pluginId, upgrade.getId()),
                    u -> u.getState().getValue() + " " + u.getObjectsMigrated() + "/" + u.getObjectsTotal()
                            + (u.getError() == null ? "" : " " + u.getError().getCode()));
            if (now.ok() && now.value().getState() != UpgradeState.PENDING
                    && now.value().getState() != UpgradeState.RUNNING) {
                return;
            }
            if (random.nextInt(4) == 0) {
                // writes to the plugin's objects are refused while it is upgraded
                addObjects(pluginId, generation, 1);
            }
            if (!running() && random.nextInt(3) == 0) {
                return;
            }
        }
    }

    private void addObjects(String pluginId, int generation, int n) {
        for (int i = 0; i < n; i++) {
            boolean linked = random.nextBoolean();
            String name = world.nextName("chaos-object");
            Map<String, Object> data = linked ? Map.of("stagingDatabase", name, "generation", generation)
                    : Map.of("databaseName", name, "generation", generation);
            call("object.create", World.keys("plugin", pluginId, "name", name), "generation " + generation,
                    () -> new PluginObjectsApi(clients.plugin(random)).createPluginObject(pluginId,
                            new NewPluginObject().type(linked ? ObjectType.LINKED_SOURCE : ObjectType.SOURCE_CONFIG)
                                    .data(data)),
                    PluginObject::getName, o -> World.keys("object", String.valueOf(o.getId())));
        }
    }

    static int generationOf(String version) {
        if (version == null) {
            return 1;
        }
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
