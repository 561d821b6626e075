package io.timeflow.chaos;

import io.timeflow.client.snapshot.api.SnapSyncApi;
import io.timeflow.client.snapshot.model.SnapSyncJob;
import io.timeflow.client.snapshot.model.SnapSyncRequest;
import java.time.Duration;

/**
 * An operator asking for SnapSyncs of random dSources, about once a second, and looking at a job it
 * was given now and then. Refusals (a SnapSync already under way, a plugin being upgraded) are part
 * of the game.
 */
final class SnapSyncer extends Worker {

    SnapSyncer(String name, History history, Clients clients, World world, long seed) {
        super(name, history, clients, world, seed);
    }

    @Override
    void work() throws InterruptedException {
        while (running()) {
            World.LinkedDSource ds = world.dsources.get(random.nextInt(world.dsources.size()));
            Recorder.Answer<SnapSyncJob> a = call("snapsync.request", World.keys("dsource", ds.id().toString()), "",
                    () -> new SnapSyncApi(clients.snapshot(random)).requestSnapSync(new SnapSyncRequest()
                            .dsourceId(ds.id())), j -> j.getState().getValue(), j -> World.keys("job", String.valueOf(j.getId())));
            if (a.ok() && random.nextInt(3) == 0) {
                pause(Duration.ofMillis(200), Duration.ofMillis(1500));
                call("snapsync.get", World.keys("dsource", ds.id().toString(), "job", a.value().getId().toString()),
                        "", () -> new SnapSyncApi(clients.snapshot(random)).getSnapSync(a.value().getId()),
                        j -> j.getState() + (j.getCode() == null ? "" : " " + j.getCode()));
            }
            pause(Duration.ofMillis(300), Duration.ofMillis(1500));
        }
    }
}
