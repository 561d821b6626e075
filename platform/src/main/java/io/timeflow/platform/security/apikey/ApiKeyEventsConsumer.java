package io.timeflow.platform.security.apikey;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.timeflow.events.staging.ApiKeyCreated;
import io.timeflow.events.staging.ApiKeyRevoked;
import io.timeflow.events.staging.StagingEvents;
import io.timeflow.platform.inbox.EventApplier;
import io.timeflow.platform.inbox.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps this service's API key table in step with the keys staging-service issues and revokes
 * (channel {@code api-keys} on {@code timeflow.staging.v1}, configured for every service in the
 * platform's defaults). A revocation reaches this service within the relay's latency.
 */
@ApplicationScoped
public class ApiKeyEventsConsumer {

    static final String CONSUMER = "api-keys";
    static final Set<String> TYPES = Set.of(StagingEvents.API_KEY_CREATED.name(), StagingEvents.API_KEY_REVOKED.name());

    private final EventApplier applier;
    private final ApiKeys keys;

    @Inject
    public ApiKeyEventsConsumer(EventApplier applier, ApiKeys keys) {
        this.applier = applier;
        this.keys = keys;
    }

    /**
     * The records of one poll. Almost all of them are other events of the topic (restores, dSources, ...), skipped by
     * their type header: no decoding, no inbox row, no transaction. Taking the poll as one batch means one hand-over to
     * a worker thread per poll instead of one per record (issue 18). The key events among them are applied in their
     * order, each once (the inbox).
     */
    @Incoming("api-keys")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> keyEvents = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (isKeyEvent(record)) {
                keyEvents.add(record);
            }
        }
        if (keyEvents.isEmpty()) {
            return;
        }
        applier.applyAll(CONSUMER, keyEvents, (envelope, event) -> {
            switch (event) {
                case ApiKeyCreated created -> keys.created(created);
                case ApiKeyRevoked revoked -> keys.revoked(UUID.fromString(revoked.keyId()), revoked.revokedAt());
                default -> {
                }
            }
        });
    }

    private static boolean isKeyEvent(ConsumerRecord<String, String> record) {
        String type = IncomingEvent.typeOf(record);
        return type != null && TYPES.contains(type);
    }
}
