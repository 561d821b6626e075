package io.timeflow.platform.maintenance;

import java.time.Instant;

/**
 * The suite is in maintenance: an operation (a restore) replaces the data, so writes are refused.
 *
 * @param operation   what runs, e.g. RESTORE
 * @param operationId the id of the job (the restore id)
 * @param reason      a sentence for people
 * @param startedAt   since when writes are refused
 * @param heartbeatAt when the operation last said it is alive
 */
public record Maintenance(String operation, String operationId, String reason, Instant startedAt,
        Instant heartbeatAt) {

    /** Whether the operation still runs: its last heartbeat is younger than {@code staleAfterMillis} at {@code now}. */
    public boolean activeAt(Instant now, long staleAfterMillis) {
        return heartbeatAt.plusMillis(staleAfterMillis).isAfter(now);
    }
}
