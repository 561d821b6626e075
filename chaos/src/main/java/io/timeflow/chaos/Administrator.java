package io.timeflow.chaos;

import io.timeflow.client.backup.api.BackupsApi;
import io.timeflow.client.backup.model.Backup;
import io.timeflow.client.staging.api.ApiKeysApi;
import io.timeflow.client.staging.model.ApiKey;
import io.timeflow.client.staging.model.ApiKeyRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The suite's administrator: takes a backup by hand now and then (besides the schedule's), and
 * issues and revokes API keys, whose events every service consumes.
 */
final class Administrator extends Worker {

    private final List<UUID> keys = new ArrayList<>();

    Administrator(String name, History history, Clients clients, World world, long seed) {
        super(name, history, clients, world, seed);
    }

    @Override
    void work() throws InterruptedException {
        while (running()) {
            pause(Duration.ofSeconds(8), Duration.ofSeconds(20));
            if (!running()) {
                return;
            }
            switch (random.nextInt(3)) {
                case 0 -> call("backup.request", World.keys(), "",
                        () -> new BackupsApi(clients.backup(random)).createBackup(),
                        b -> b.getState().getValue(), b -> World.keys("backup", String.valueOf(b.getId())));
                case 1 -> {
                    String name = world.nextName("chaos-key");
                    Recorder.Answer<ApiKey> key = call("apikey.create", World.keys("name", name), "operator",
                            () -> new ApiKeysApi(clients.staging(Clients.Role.ADMIN, random)).createApiKey(
                                    new ApiKeyRequest().name(name).role(ApiKeyRequest.RoleEnum.OPERATOR)),
                            k -> "key " + k.getId(), k -> World.keys("apikey", String.valueOf(k.getId())));
                    if (key.ok()) {
                        keys.add(key.value().getId());
                    }
                }
                default -> {
                    if (!keys.isEmpty()) {
                        UUID id = keys.remove(random.nextInt(keys.size()));
                        call("apikey.revoke", World.keys("apikey", id.toString()), "",
                                () -> new ApiKeysApi(clients.staging(Clients.Role.ADMIN, random)).revokeApiKey(id),
                                k -> "revoked " + k.getRevokedAt());
                    }
                }
            }
        }
    }

    static boolean over(Backup b) {
        return b.getState() != null && !"PENDING".equals(b.getState().getValue())
                && !"RUNNING".equals(b.getState().getValue());
    }
}
