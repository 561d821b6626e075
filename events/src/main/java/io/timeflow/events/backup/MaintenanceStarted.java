package io.timeflow.events.backup;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * The suite entered maintenance: every service refuses writes (503, code MAINTENANCE_IN_PROGRESS)
 * until {@link MaintenanceEnded} with the same operation id; reads go on.
 *
 * @param operationId the id of the operation that needs it (the restore id)
 * @param operation   what runs, e.g. RESTORE
 * @param reason      a sentence for people
 * @param startedAt   when writes began to be refused
 */
public record MaintenanceStarted(
        String operationId,
        String operation,
        String reason,
        Instant startedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return operationId;
    }
}
