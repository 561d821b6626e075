package io.timeflow.platform.security.apikey;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.staging.ApiKeyCreated;
import io.timeflow.events.staging.ApiKeyRevoked;
import io.timeflow.events.staging.StagingEvents;
import io.timeflow.platform.inbox.EventApplier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps this service's API key table in step with the keys staging-service issues and revokes
 * (channel {@code api-keys} on {@code timeflow.staging.v1}, configured for every service in the
 * platform's defaults). A revocation reaches this service within the relay's latency.
 */
@ApplicationScoped
public class ApiKeyEventsConsumer {

    static final Set<String> TYPES = Set.of(StagingEvents.API_KEY_CREATED.name(), StagingEvents.API_KEY_REVOKED.name());

    private final EventApplier applier;
    private final ApiKeys keys;

    @Inject
    public ApiKeyEventsConsumer(EventApplier applier, ApiKeys keys) {
        this.applier = applier;
        this.keys = keys;
    }

    @Incoming("api-keys")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || !TYPES.contains(new String(type.value(), StandardCharsets.UTF_8))) {
            return; // every other event of the topic is another consumer's business: no inbox row, no transaction
        }
        applier.apply("api-keys", record, (envelope, event) -> {
            switch (event) {
                case ApiKeyCreated created -> keys.created(created);
                case ApiKeyRevoked revoked -> keys.revoked(UUID.fromString(revoked.keyId()), revoked.revokedAt());
                default -> {
                }
            }
        });
    }
}
