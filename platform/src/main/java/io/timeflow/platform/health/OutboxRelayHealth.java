package io.timeflow.platform.health;

import io.timeflow.platform.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** The relay thread is alive; its backlog and last error are reported for operators. */
@Liveness
@ApplicationScoped
public class OutboxRelayHealth implements HealthCheck {

    private final OutboxRelay relay;

    @Inject
    public OutboxRelayHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("outbox-relay")
                .status(relay.threadAlive())
                .withData("backlog", relay.backlog());
        if (relay.lastError() != null) {
            response.withData("lastError", relay.lastError());
        }
        return response.build();
    }
}
