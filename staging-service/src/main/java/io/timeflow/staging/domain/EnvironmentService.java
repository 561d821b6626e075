package io.timeflow.staging.domain;

import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.staging.persistence.EnvironmentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Registers and reads staging environments; every registration is announced on {@code timeflow.staging.v1}. */
@ApplicationScoped
public class EnvironmentService {

    private static final Logger LOG = Logger.getLogger(EnvironmentService.class);

    /** What a caller asks to register. */
    public record NewEnvironment(String name, String host, Environment.OsType osType, String timeZone,
            String connectorPath) {
    }

    private final EnvironmentRepository environments;
    private final Outbox outbox;
    private final Clock clock;

    @Inject
    public EnvironmentService(EnvironmentRepository environments, Outbox outbox) {
        this(environments, outbox, Clock.systemUTC());
    }

    EnvironmentService(EnvironmentRepository environments, Outbox outbox, Clock clock) {
        this.environments = environments;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Environment register(NewEnvironment request) {
        String zone = canonicalZone(request.timeZone());
        if (environments.nameTaken(request.name())) {
            throw ProblemException.conflict("NAME_TAKEN", "an environment named '" + request.name() + "' already exists")
                    .with("name", request.name());
        }
        Instant now = clock.instant();
        Environment environment = new Environment(UUID.randomUUID(), request.name().trim(), request.host().trim(),
                request.osType(), zone, request.connectorPath().trim(), now);
        environments.add(environment);
        outbox.publish(new EnvironmentRegistered(environment.id().toString(), environment.name(), environment.host(),
                environment.osType().name(), environment.timeZone(), environment.connectorPath(), now));
        LOG.infof("registered environment %s (%s)", environment.name(), environment.id());
        return environment;
    }

    @Transactional
    public Environment get(UUID id) {
        return environments.find(id).orElseThrow(() -> ProblemException.notFound("environment", id));
    }

    @Transactional
    public List<Environment> page(int offset, int limit) {
        return environments.page(offset, limit);
    }

    @Transactional
    public long count() {
        return environments.count();
    }

    /** The IANA id of the zone, or a 400 naming {@code timeZone}. */
    static String canonicalZone(String timeZone) {
        try {
            return ZoneId.of(timeZone.trim()).getId();
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "must be an IANA time zone such as Europe/Paris or UTC");
        }
    }
}
