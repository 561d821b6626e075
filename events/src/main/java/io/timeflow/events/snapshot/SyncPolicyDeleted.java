package io.timeflow.events.snapshot;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * A SnapSync policy was deleted. Keyed by the policy id.
 *
 * @param policyId  the policy
 * @param deletedAt when
 */
public record SyncPolicyDeleted(String policyId, Instant deletedAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return policyId;
    }
}
