package io.timeflow.staging.messaging;

import io.smallrye.common.annotation.Blocking;
import io.timeflow.events.snapshot.VdbDeleted;
import io.timeflow.events.snapshot.VdbProvisioned;
import io.timeflow.platform.inbox.EventApplier;
import io.timeflow.staging.domain.SnapshotFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows VDBs on {@code timeflow.snapshot.v1} (a dSource whose snapshots VDBs depend on is not
 * deleted) and SnapSync policies (a dSource can be linked with one as its default).
 */
@ApplicationScoped
public class SnapshotEventsConsumer {

    static final String CONSUMER = "staging-service.snapshot-events";

    private final EventApplier applier;
    private final SnapshotFacts facts;

    @Inject
    public SnapshotEventsConsumer(EventApplier applier, SnapshotFacts facts) {
        this.applier = applier;
        this.facts = facts;
    }

    @Incoming("snapshot-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        applier.apply(CONSUMER, record, (envelope, event) -> {
            switch (event) {
                case VdbProvisioned p -> facts.vdbProvisioned(p);
                case VdbDeleted d -> facts.vdbDeleted(d);
                case io.timeflow.events.snapshot.VdbRefreshed r -> facts.vdbRefreshed(r);
                case io.timeflow.events.snapshot.SyncPolicyCreated c -> facts.policyCreated(c);
                case io.timeflow.events.snapshot.SyncPolicyDeleted d -> facts.policyDeleted(d);
                default -> {
                    // other snapshot events do not concern staging
                }
            }
        });
    }
}
