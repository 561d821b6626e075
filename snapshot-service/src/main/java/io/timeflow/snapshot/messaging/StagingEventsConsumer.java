package io.timeflow.snapshot.messaging;

import io.smallrye.common.annotation.Blocking;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.platform.inbox.EventApplier;
import io.timeflow.snapshot.domain.TargetEnvironmentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds snapshot-service's own view from {@code timeflow.staging.v1}, one event at a time, each applied once. */
@ApplicationScoped
public class StagingEventsConsumer {

    static final String CONSUMER = "snapshot-service.staging-events";

    private final EventApplier applier;
    private final TargetEnvironmentService environments;

    @Inject
    public StagingEventsConsumer(EventApplier applier, TargetEnvironmentService environments) {
        this.applier = applier;
        this.environments = environments;
    }

    @Incoming("staging-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        applier.apply(CONSUMER, record, (envelope, event) -> {
            switch (event) {
                case EnvironmentRegistered registered -> environments.registered(registered, envelope.id());
                default -> {
                    // other staging events are not part of this view yet
                }
            }
        });
    }
}
