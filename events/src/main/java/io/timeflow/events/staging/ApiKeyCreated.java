package io.timeflow.events.staging;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * An administrator created an API key for automation. The event carries the key's digest (an HMAC
 * keyed from a data-encryption key of the suite's key ring) and the id of that key, never the key:
 * every service keeps a local table of keys fed by these events and checks a presented key against
 * it. {@code digestKeyId} is absent from events of versions that had a single key.
 */
public record ApiKeyCreated(String keyId, String name, String role, String digest, String createdBy, Instant createdAt,
        String digestKeyId) implements TimeflowEvent {

    /** An event without the digest key's id (as versions with a single data-encryption key published it). */
    public ApiKeyCreated(String keyId, String name, String role, String digest, String createdBy, Instant createdAt) {
        this(keyId, name, role, digest, createdBy, createdAt, null);
    }

    @Override
    public String aggregateId() {
        return keyId;
    }
}
