package io.timeflow.events.staging;

import java.time.Instant;

/** A fault ended: resolved by the service when its condition cleared, or by a user (resolved or ignored). */
public record FaultResolved(String dsourceId, String faultId, String code, String status, Instant resolvedAt)
        implements DSourceEvent {
}
