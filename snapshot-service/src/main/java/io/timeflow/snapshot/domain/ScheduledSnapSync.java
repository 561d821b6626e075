package io.timeflow.snapshot.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.timeflow.snapshot.persistence.SyncPolicyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One scheduled run of a sync policy: a SnapSync job for each dSource that follows it. A scheduled
 * time is run once, whichever replica's scheduler fires it (recorded in {@code sync_policy_run});
 * a dSource whose previous SnapSync is still under way gets a SKIPPED job instead of a second one.
 */
@ApplicationScoped
public class ScheduledSnapSync {

    private static final Logger LOG = Logger.getLogger(ScheduledSnapSync.class);

    private final SyncPolicyRepository policies;
    private final SnapSyncService snapsync;
    private final MeterRegistry metrics;
    private final Clock clock;

    @Inject
    public ScheduledSnapSync(SyncPolicyRepository policies, SnapSyncService snapsync, MeterRegistry metrics,
            Clock clock) {
        this.policies = policies;
        this.snapsync = snapsync;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs the policy's scheduled time {@code scheduledFor}; returns the jobs it created. */
    @Transactional
    public List<UUID> fire(UUID policyId, Instant scheduledFor, String firedBy) {
        if (policies.find(policyId).isEmpty()) {
            LOG.infof("policy %s no longer exists; its scheduled run at %s does nothing", policyId, scheduledFor);
            return List.of();
        }
        if (!policies.recordRun(policyId, scheduledFor, firedBy, clock.instant())) {
            metrics.counter("timeflow.snapshot.policy.runs", "outcome", "duplicate").increment();
            LOG.warnf("scheduled run of policy %s at %s was already made; %s does nothing", policyId, scheduledFor,
                    firedBy);
            return List.of();
        }
        metrics.counter("timeflow.snapshot.policy.runs", "outcome", "fired").increment();
        List<UUID> created = new ArrayList<>();
        for (UUID dsourceId : policies.dsourcesOf(policyId)) {
            snapsync.scheduled(dsourceId, policyId, scheduledFor).ifPresent(job -> created.add(job.id()));
        }
        LOG.debugf("policy %s run at %s by %s: %d SnapSync job(s)", policyId, scheduledFor, firedBy, created.size());
        return created;
    }
}
