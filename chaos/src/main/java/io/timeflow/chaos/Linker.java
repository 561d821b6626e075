package io.timeflow.chaos;

import io.timeflow.client.staging.api.DSourcesApi;
import io.timeflow.client.staging.model.DSource;
import io.timeflow.client.staging.model.DSourcePage;
import io.timeflow.client.staging.model.DSourceRequest;
import io.timeflow.client.staging.model.DatabaseStateMode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * An administrator linking new dSources while the faults go on, every minute or so (a few in all),
 * each handed to an agent of its own. A link whose answer was lost is asked again under the same
 * name: a second answer NAME_TAKEN means the first was made, and the dSource is found by its name.
 */
final class Linker extends Worker {

    static final int MAX_LINKED = 4;

    private final History history;
    private final long seed;

    Linker(String name, History history, Clients clients, World world, long seed) {
        super(name, history, clients, world, seed);
        this.history = history;
        this.seed = seed;
    }

    @Override
    void work() throws InterruptedException {
        for (int n = 0; n < MAX_LINKED && running(); n++) {
            pause(Duration.ofSeconds(30), Duration.ofSeconds(70));
            if (!running()) {
                return;
            }
            String name = "chaos-ds-linked-" + n;
            boolean bound = n % 2 == 0;
            World.LinkedDSource like = world.dsources.get(random.nextInt(world.dsources.size()));
            DSource ds = link(name, like, bound ? world.pluginId : null);
            if (ds == null) {
                continue;
            }
            World.LinkedDSource linked = new World.LinkedDSource(ds.getId(), name, like.environmentId(),
                    ds.getPluginId(), List.of(ds.getMountBase() + "\\" + name + ".mdf",
                            ds.getMountBase() + "\\" + name + "_log.ldf"));
            world.dsources.add(linked);
            Agent agent = new Agent("agent-" + (world.dsources.size() - 1), history, clients, world, seed, linked);
            Thread t = new Thread(agent, "chaos-" + agent.name());
            t.setDaemon(true);
            world.spawned.add(t);
            t.start();
        }
    }

    private DSource link(String name, World.LinkedDSource like, String pluginId) throws InterruptedException {
        DSourceRequest request = new DSourceRequest().name(name).stagingDatabaseName(name.replace('-', '_'))
                .databaseStateMode(DatabaseStateMode.RESTORING).environmentId(like.environmentId())
                .repositoryId(repositoryOf(like)).pluginId(pluginId).notes("linked by the chaos run during faults");
        long until = System.nanoTime() + Agent.GIVE_UP_AFTER.toNanos();
        for (int attempt = 0; System.nanoTime() < until; attempt++) {
            Recorder.Answer<DSource> a = call("dsource.link", World.keys("plugin", pluginId, "name", name), name,
                    () -> new DSourcesApi(clients.staging(Clients.Role.ADMIN, random)).linkDSource(request),
                    d -> "dsource " + d.getId(), d -> World.keys("dsource", String.valueOf(d.getId())));
            if (a.ok()) {
                return a.value();
            }
            if (a.refusedWith("NAME_TAKEN")) {
                Recorder.Answer<DSourcePage> found = call("dsource.find", World.keys("name", name), name,
                        () -> new DSourcesApi(clients.staging(Clients.Role.ADMIN, random)).listDSources(null, 10, name,
                                0, null, null, null), p -> p.getTotal() + " found",
                        p -> p.getItems().isEmpty() ? World.keys()
                                : World.keys("dsource", String.valueOf(p.getItems().get(0).getId())));
                if (found.ok() && found.value().getItems().size() == 1) {
                    return found.value().getItems().get(0);
                }
            } else if (a.refused() && a.status() > 0) {
                return null;
            }
            backOff(attempt);
        }
        return null;
    }

    /** The repository a setup dSource of the same environment uses. */
    private UUID repositoryOf(World.LinkedDSource like) {
        return world.repositories.get(like.environmentId());
    }
}
