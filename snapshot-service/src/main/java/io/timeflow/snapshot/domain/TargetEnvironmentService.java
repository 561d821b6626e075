package io.timeflow.snapshot.domain;

import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.snapshot.persistence.TargetEnvironmentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Keeps snapshot-service's view of environments from staging-service's events, and answers reads of it. */
@ApplicationScoped
public class TargetEnvironmentService {

    private static final Logger LOG = Logger.getLogger(TargetEnvironmentService.class);

    private final TargetEnvironmentRepository environments;
    private final Clock clock;

    @Inject
    public TargetEnvironmentService(TargetEnvironmentRepository environments, Clock clock) {
        this.environments = environments;
        this.clock = clock;
    }

    /** Applies a registration; called inside the consumer's transaction, once per event id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void registered(EnvironmentRegistered event, String eventId) {
        UUID id = UUID.fromString(event.environmentId());
        var existing = environments.find(id);
        TargetEnvironment environment = existing.orElseGet(() -> new TargetEnvironment(id));
        environment.apply(event.name(), event.host(), event.osType(), event.timeZone(), event.connectorPath(),
                event.registeredAt(), eventId, clock.instant());
        if (existing.isEmpty()) {
            environments.add(environment);
        }
        LOG.infof("environment %s (%s) is now known", event.name(), id);
    }

    @Transactional
    public TargetEnvironment get(UUID id) {
        return environments.find(id).orElseThrow(() -> ProblemException.notFound("target environment", id));
    }

    @Transactional
    public List<TargetEnvironment> page(int offset, int limit) {
        return environments.page(offset, limit);
    }

    @Transactional
    public long count() {
        return environments.count();
    }
}
