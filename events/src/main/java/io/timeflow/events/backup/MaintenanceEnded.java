package io.timeflow.events.backup;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * The suite left maintenance: writes are accepted again.
 *
 * @param operationId the id of the operation that needed it (the restore id)
 * @param operation   what ran, e.g. RESTORE
 * @param outcome     SUCCEEDED (restored data in place) or FAILED (previous data in place)
 * @param endedAt     when writes were accepted again
 */
public record MaintenanceEnded(
        String operationId,
        String operation,
        String outcome,
        Instant endedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return operationId;
    }
}
