package io.timeflow.snapshot.messaging;

import io.smallrye.common.annotation.Blocking;
import io.timeflow.events.staging.DSourceEvent;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.platform.inbox.EventApplier;
import io.timeflow.snapshot.domain.DSourceViewService;
import io.timeflow.snapshot.domain.TargetEnvironmentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds snapshot-service's own view from {@code timeflow.staging.v1}, each event applied once (the inbox) and in
 * order per dSource (records are keyed by dSource id): environments, dSources, their restores, observed state, mount
 * and faults. The records of one poll come as a batch and are applied up to {@code timeflow.inbox.batch-size} in
 * one transaction (ADR 161): under ingest load, the per-event transaction was most of this consumer's work.
 */
@ApplicationScoped
public class StagingEventsConsumer {

    static final String CONSUMER = "snapshot-service.staging-events";

    private final EventApplier applier;
    private final TargetEnvironmentService environments;
    private final DSourceViewService dsources;

    @Inject
    public StagingEventsConsumer(EventApplier applier, TargetEnvironmentService environments,
            DSourceViewService dsources) {
        this.applier = applier;
        this.environments = environments;
        this.dsources = dsources;
    }

    @Incoming("staging-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        applier.applyAll(CONSUMER, records, (envelope, event) -> {
            switch (event) {
                case EnvironmentRegistered registered -> environments.registered(registered, envelope.id());
                case DSourceEvent about -> dsources.apply(about, envelope.id());
                default -> {
                    // not part of this view
                }
            }
        });
    }
}
