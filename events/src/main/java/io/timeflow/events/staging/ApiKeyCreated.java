package io.timeflow.events.staging;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * An administrator created an API key for automation. The event carries the key's digest (an HMAC
 * keyed from the suite's data-encryption key), never the key: every service keeps a local table of
 * keys fed by these events and checks a presented key against it.
 */
public record ApiKeyCreated(String keyId, String name, String role, String digest, String createdBy, Instant createdAt)
        implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return keyId;
    }
}
