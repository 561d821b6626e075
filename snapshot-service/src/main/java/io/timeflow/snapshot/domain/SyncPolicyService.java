package io.timeflow.snapshot.domain;

import io.timeflow.platform.history.ChangeHistory;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.Actor;
import io.timeflow.snapshot.domain.rules.CronSchedule;
import io.timeflow.snapshot.persistence.DSourceRepository;
import io.timeflow.snapshot.persistence.SyncPolicyRepository;
import io.timeflow.snapshot.scheduling.PolicyScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sync policies: a cron schedule in a time zone and a retention, assigned to dSources. Each change
 * writes the policy row and its Quartz trigger in one transaction.
 */
@ApplicationScoped
public class SyncPolicyService {

    private static final Logger LOG = Logger.getLogger(SyncPolicyService.class);

    /** What a caller asks a policy to be. */
    public record PolicyDefinition(String name, String cron, String timeZone, Integer keepLast, Integer keepDays) {
    }

    /** Aggregate type of a policy's history (creation and deletion are events; other changes are recorded, ADR 0061). */
    static final String HISTORY = "sync-policy";

    private final SyncPolicyRepository policies;
    private final DSourceRepository dsources;
    private final PolicyScheduler scheduler;
    private final Clock clock;


    @Inject
    ChangeHistory history;

    @Inject
    io.timeflow.platform.outbox.Outbox outbox;

    @Inject
    public SyncPolicyService(SyncPolicyRepository policies, DSourceRepository dsources, PolicyScheduler scheduler,
            Clock clock) {
        this.policies = policies;
        this.dsources = dsources;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Every policy has its trigger (e.g. after the database was restored from a backup without them). */
    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (SyncPolicy p : policies.all()) {
                if (!scheduler.isScheduled(p.id())) {
                    scheduler.schedule(p);
                    LOG.infof("policy %s had no trigger; scheduled it", p.name());
                }
            }
        });
    }

    @Transactional
    public SyncPolicy create(PolicyDefinition definition, Actor actor) {
        check(definition);
        if (policies.nameTaken(definition.name(), null)) {
            throw ProblemException.of(SnapshotProblem.NAME_TAKEN, "a sync policy with this name already exists");
        }
        Instant now = clock.instant();
        SyncPolicy policy = new SyncPolicy(UUID.randomUUID(), now);
        define(policy, definition, now);
        policies.add(policy);
        scheduler.schedule(policy);
        LOG.infof("sync policy %s (%s) created by %s: cron '%s' in %s", policy.name(), policy.id(), actor.subject(),
                policy.cron(), policy.timeZone());
        outbox.publish(new io.timeflow.events.snapshot.SyncPolicyCreated(policy.id().toString(), policy.name(), now),
                actor);
        return policy;
    }

    @Transactional
    public SyncPolicy update(UUID id, PolicyDefinition definition, Actor actor) {
        SyncPolicy policy = policies.lock(id).orElseThrow(() -> ProblemException.notFound("sync policy", id));
        check(definition);
        if (policies.nameTaken(definition.name(), id)) {
            throw ProblemException.of(SnapshotProblem.NAME_TAKEN, "a sync policy with this name already exists");
        }
        define(policy, definition, clock.instant());
        scheduler.schedule(policy);
        LOG.infof("sync policy %s (%s) changed by %s", policy.name(), id, actor.subject());
        history.record(HISTORY, id.toString(), "sync-policy.updated", "A sync policy's schedule or retention changed.");
        return policy;
    }

    /** Deletes a policy no dSource follows (409 {@code POLICY_IN_USE} naming them otherwise). */
    @Transactional
    public void delete(UUID id, Actor actor) {
        SyncPolicy policy = policies.lock(id).orElseThrow(() -> ProblemException.notFound("sync policy", id));
        List<UUID> following = policies.dsourcesOf(id);
        if (!following.isEmpty()) {
            throw ProblemException.of(SnapshotProblem.POLICY_IN_USE, "sync policy " + policy.name()
                            + " is assigned to " + following.size() + " dSource(s); unassign them first")
                    .with("dsourceIds", following.stream().map(UUID::toString).toList());
        }
        scheduler.unschedule(id);
        policies.remove(policy);
        LOG.infof("sync policy %s (%s) deleted by %s", policy.name(), id, actor.subject());
        outbox.publish(new io.timeflow.events.snapshot.SyncPolicyDeleted(id.toString(), clock.instant()), actor);
    }

    /** Makes the dSource follow the policy, instead of the one it followed. */
    @Transactional
    public void assign(UUID policyId, UUID dsourceId, Actor actor) {
        SyncPolicy policy = policies.find(policyId).orElseThrow(() -> ProblemException.notFound("sync policy", policyId));
        DSource d = dsources.find(dsourceId).filter(x -> !x.isDeleted())
                .orElseThrow(() -> ProblemException.notFound("dSource", dsourceId));
        policies.assign(d.id(), policy.id(), clock.instant());
        LOG.infof("dSource %s now follows sync policy %s (set by %s)", d.name(), policy.name(), actor.subject());
        history.record(HISTORY, policyId.toString(), "sync-policy.assigned", "A dSource was assigned to the sync policy.");
    }

    @Transactional
    public void unassign(UUID policyId, UUID dsourceId, Actor actor) {
        policies.find(policyId).orElseThrow(() -> ProblemException.notFound("sync policy", policyId));
        if (!policies.unassign(dsourceId, policyId)) {
            throw new ProblemException(SnapshotProblem.NOT_ASSIGNED,
                    "the dSource does not follow this sync policy");
        }
        LOG.infof("dSource %s no longer follows sync policy %s (set by %s)", dsourceId, policyId, actor.subject());
        history.record(HISTORY, policyId.toString(), "sync-policy.unassigned",
                "A dSource was unassigned from the sync policy.");
    }

    @Transactional
    public SyncPolicy get(UUID id) {
        return policies.find(id).orElseThrow(() -> ProblemException.notFound("sync policy", id));
    }

    @Transactional
    public List<SyncPolicy> page(int offset, int limit) {
        return policies.page(offset, limit);
    }

    @Transactional
    public long count() {
        return policies.count();
    }

    @Transactional
    public List<UUID> dsourcesOf(UUID policyId) {
        return policies.dsourcesOf(policyId);
    }

    @Transactional
    public Optional<Instant> nextRun(SyncPolicy policy) {
        return scheduler.nextRun(policy.id())
                .or(() -> CronSchedule.of(policy.cron(), policy.timeZone()).nextRunAfter(clock.instant()));
    }

    @Transactional
    public Optional<Instant> lastRun(UUID policyId) {
        return policies.lastRun(policyId);
    }

    private static void check(PolicyDefinition definition) {
        CronSchedule.check(definition.cron(), definition.timeZone()).ifPresent(invalid -> {
            throw ProblemException.invalid(invalid.field(), invalid.message());
        });
    }

    private static void define(SyncPolicy policy, PolicyDefinition d, Instant now) {
        policy.define(d.name().trim(), d.cron().trim().replaceAll("\\s+", " "), java.time.ZoneId.of(d.timeZone().trim())
                .getId(), d.keepLast(), d.keepDays(), now);
    }
}
