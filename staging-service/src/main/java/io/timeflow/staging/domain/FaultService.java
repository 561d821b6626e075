package io.timeflow.staging.domain;

import io.timeflow.events.staging.FaultRaised;
import io.timeflow.events.staging.FaultResolved;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.CurrentActor;
import io.timeflow.staging.persistence.DSourceRepository;
import io.timeflow.staging.persistence.FaultRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Faults on dSources: raised and cleared by observations, listed, resolved or ignored by operators. */
@ApplicationScoped
public class FaultService {

    private static final Logger LOG = Logger.getLogger(FaultService.class);

    /** A condition that can be faulty: its code, severity and title. */
    public record Condition(String code, Fault.Severity severity, String title) {
    }

    public static final Condition CANNOT_MONITOR = new Condition(MonitoringRules.CANNOT_MONITOR, Fault.Severity.CRITICAL,
            "Cannot monitor the staging database");
    public static final Condition ATTACH_FAILED = new Condition("ATTACH_FAILED", Fault.Severity.WARNING,
            "The staging database could not be attached");

    private final FaultRepository faults;
    private final DSourceRepository dsources;
    private final Outbox outbox;
    private final CurrentActor actor;
    private final Clock clock;

    @Inject
    public FaultService(FaultRepository faults, DSourceRepository dsources, Outbox outbox, CurrentActor actor,
            Clock clock) {
        this.faults = faults;
        this.dsources = dsources;
        this.outbox = outbox;
        this.actor = actor;
        this.clock = clock;
    }

    /**
     * Follows a condition of a dSource that was just observed present ({@code holds}) or absent. Call
     * with the dSource's row locked, so observations of one dSource are applied one at a time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void observe(UUID dsourceId, Condition condition, boolean holds, String message) {
        Optional<Fault> open = faults.open(dsourceId, condition.code());
        Instant now = clock.instant();
        switch (FaultRules.onObservation(holds, open.map(Fault::status))) {
            case RAISE -> {
                Fault fault = new Fault(UUID.randomUUID(), dsourceId, condition.code(), condition.severity(),
                        condition.title(), message, now);
                faults.add(fault);
                outbox.publish(new FaultRaised(dsourceId.toString(), fault.id().toString(), fault.code(),
                        fault.severity().name(), message, now));
                LOG.infof("fault %s raised on dSource %s (%s)", condition.code(), dsourceId, fault.id());
            }
            case TOUCH -> open.get().seenAgain(message, now);
            case RESOLVE -> {
                Fault fault = open.get();
                fault.resolve("system", now);
                outbox.publish(new FaultResolved(dsourceId.toString(), fault.id().toString(), fault.code(),
                        Fault.Status.RESOLVED.name(), now));
                LOG.infof("fault %s on dSource %s resolved itself (%s)", condition.code(), dsourceId, fault.id());
            }
            case CLOSE_IGNORED -> open.get().conditionEnded();
            case NONE -> {
                // nothing open, nothing wrong
            }
        }
    }

    /** Resolves the active faults of a dSource that is going away, announcing each. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolveAllOf(UUID dsourceId) {
        Instant now = clock.instant();
        for (Fault fault : faults.active(dsourceId)) {
            fault.resolve("system", now);
            outbox.publish(new FaultResolved(dsourceId.toString(), fault.id().toString(), fault.code(),
                    Fault.Status.RESOLVED.name(), now));
        }
    }

    @Transactional
    public Fault resolve(UUID id) {
        return close(id, Fault.Status.RESOLVED);
    }

    @Transactional
    public Fault ignore(UUID id) {
        return close(id, Fault.Status.IGNORED);
    }

    @Transactional
    public List<String> activeCodes(UUID dsourceId) {
        return faults.active(dsourceId).stream().map(Fault::code).distinct().sorted().toList();
    }

    @Transactional
    public Fault get(UUID id) {
        return faults.find(id).orElseThrow(() -> ProblemException.notFound("fault", id));
    }

    @Transactional
    public List<Fault> page(FaultRepository.Filter filter, int offset, int limit) {
        return faults.page(filter, offset, limit);
    }

    @Transactional
    public long count(FaultRepository.Filter filter) {
        return faults.count(filter);
    }

    private Fault close(UUID id, Fault.Status to) {
        UUID dsourceId = faults.dsourceOf(id).orElseThrow(() -> ProblemException.notFound("fault", id));
        // changes to a dSource's faults are serialised on the dSource's row, as observations are
        dsources.lock(dsourceId);
        Fault fault = faults.lock(id).orElseThrow(() -> ProblemException.notFound("fault", id));
        if (!FaultRules.userMayClose(fault.status())) {
            throw ProblemException.of(StagingProblem.FAULT_NOT_ACTIVE,
                    "only an ACTIVE fault can be resolved or ignored; this one is " + fault.status())
                    .with("status", fault.status().name());
        }
        Instant now = clock.instant();
        String by = actor.get().subject();
        if (to == Fault.Status.RESOLVED) {
            fault.resolve(by, now);
        } else {
            fault.ignore(by, now);
        }
        outbox.publish(new FaultResolved(fault.dsourceId().toString(), fault.id().toString(), fault.code(), to.name(),
                now));
        LOG.infof("fault %s (%s) on dSource %s marked %s", fault.code(), fault.id(), fault.dsourceId(), to);
        return fault;
    }
}
