package io.timeflow.events.staging;

import java.time.Instant;

/**
 * A fault became active on a dSource (e.g. CANNOT_MONITOR when the staging database is in a state
 * its mode does not support).
 */
public record FaultRaised(String dsourceId, String faultId, String code, String severity, String message,
        Instant raisedAt) implements DSourceEvent {
}
