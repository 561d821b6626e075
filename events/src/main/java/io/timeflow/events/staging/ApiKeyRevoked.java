package io.timeflow.events.staging;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/** An API key was revoked: no service accepts it any more. */
public record ApiKeyRevoked(String keyId, Instant revokedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return keyId;
    }
}
