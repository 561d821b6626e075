package io.timeflow.chaos;

import io.timeflow.client.snapshot.api.SnapshotsApi;
import io.timeflow.client.snapshot.api.VdbsApi;
import io.timeflow.client.snapshot.model.PageSnapshotView;
import io.timeflow.client.snapshot.model.Snapshot;
import io.timeflow.client.snapshot.model.Vdb;
import io.timeflow.client.snapshot.model.VdbRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A developer provisioning VDBs from recent snapshots every few seconds, and deleting one of them now
 * and then. staging-service follows the VDBs through snapshot-service's events.
 */
final class Provisioner extends Worker {

    Provisioner(String name, History history, Clients clients, World world, long seed) {
        super(name, history, clients, world, seed);
    }

    @Override
    void work() throws InterruptedException {
        while (running()) {
            pause(Duration.ofSeconds(2), Duration.ofSeconds(4));
            if (!world.vdbs.isEmpty() && random.nextInt(5) == 0) {
                UUID vdb = world.vdbs.get(random.nextInt(world.vdbs.size()));
                Recorder.Answer<Boolean> deleted = call("vdb.delete", World.keys("vdb", vdb.toString()), "", () -> {
                    new VdbsApi(clients.snapshot(random)).deleteVdb(vdb);
                    return Boolean.TRUE;
                });
                if (deleted.ok() || deleted.status() == 404) {
                    world.vdbs.remove(vdb);
                }
                continue;
            }
            World.LinkedDSource ds = world.dsources.get(random.nextInt(world.dsources.size()));
            Recorder.Answer<PageSnapshotView> page = call("snapshot.list", World.keys("dsource", ds.id().toString()),
                    "", () -> new SnapshotsApi(clients.snapshot(random)).listSnapshots(ds.id(), 10, 0, null),
                    p -> p.getTotal() + " snapshots");
            if (!page.ok() || page.value().getItems() == null || page.value().getItems().isEmpty()) {
                continue;
            }
            List<Snapshot> items = page.value().getItems();
            Snapshot from = items.get(random.nextInt(items.size()));
            String name = world.nextName("chaos-vdb");
            Recorder.Answer<Vdb> vdb = call("vdb.provision", World.keys("dsource", ds.id().toString(), "snapshot",
                            from.getId().toString()), name,
                    () -> new VdbsApi(clients.snapshot(random)).provisionVdb(new VdbRequest().name(name)
                            .snapshotId(from.getId()).targetEnvironmentId(ds.environmentId())),
                    v -> "vdb " + v.getId(), v -> World.keys("vdb", String.valueOf(v.getId())));
            if (vdb.ok()) {
                world.vdbs.add(vdb.value().getId());
            }
        }
    }
}
