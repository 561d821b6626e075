package io.timeflow.events.snapshot;

import io.timeflow.events.TimeflowEvent;
import java.time.Instant;

/**
 * A SnapSync policy was created; a dSource can name it as its default policy when it is linked.
 * Keyed by the policy id.
 *
 * @param policyId  the policy
 * @param name      its name
 * @param createdAt when
 */
public record SyncPolicyCreated(String policyId, String name, Instant createdAt) implements TimeflowEvent {

    @Override
    public String aggregateId() {
        return policyId;
    }
}
