package io.timeflow.snapshot.messaging;

import io.smallrye.common.annotation.Blocking;
import io.timeflow.platform.inbox.EventApplier;
import io.timeflow.platform.upgrades.PluginUpgradeGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows plugin upgrades from {@code timeflow.plugin.v1}: while a plugin is upgraded, SnapSync,
 * provisioning and deletions for the dSources bound to it are refused (409 naming the upgrade).
 */
@ApplicationScoped
public class PluginEventsConsumer {

    static final String CONSUMER = "snapshot-service.plugin-events";

    private final EventApplier applier;
    private final PluginUpgradeGuard guard;

    @Inject
    public PluginEventsConsumer(EventApplier applier, PluginUpgradeGuard guard) {
        this.applier = applier;
        this.guard = guard;
    }

    @Incoming("plugin-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        applier.apply(CONSUMER, record, (envelope, event) -> guard.apply(event));
    }
}
