package io.timeflow.staging.domain;

import io.timeflow.events.staging.EnvironmentDeleted;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.events.staging.EnvironmentUpdated;
import io.timeflow.events.staging.RepositoryAdded;
import io.timeflow.events.staging.RepositoryDeleted;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.staging.persistence.DSourceRepository;
import io.timeflow.staging.persistence.EnvironmentRepository;
import io.timeflow.staging.persistence.SqlInstanceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Staging environments and their SQL Server instances (repositories); every change is announced on
 * {@code timeflow.staging.v1}. An environment or repository that a dSource uses cannot be deleted.
 */
@ApplicationScoped
public class EnvironmentService {

    private static final Logger LOG = Logger.getLogger(EnvironmentService.class);
    private static final int DEPENDANTS_NAMED = 20;

    /** What a caller asks to register. */
    public record NewEnvironment(String name, String host, Environment.OsType osType, String timeZone,
            String connectorPath) {
    }

    /** What a caller asks to change; null leaves a setting as it is. */
    public record EnvironmentChanges(String name, String host, String timeZone, String connectorPath) {
    }

    /** A SQL Server instance to add to an environment. */
    public record NewRepository(String name, String version, Integer port) {
    }

    private final EnvironmentRepository environments;
    private final SqlInstanceRepository instances;
    private final DSourceRepository dsources;
    private final Outbox outbox;
    private final Clock clock;

    @Inject
    public EnvironmentService(EnvironmentRepository environments, SqlInstanceRepository instances,
            DSourceRepository dsources, Outbox outbox, Clock clock) {
        this.environments = environments;
        this.instances = instances;
        this.dsources = dsources;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Environment register(NewEnvironment request) {
        String zone = canonicalZone(request.timeZone());
        if (environments.nameTaken(request.name())) {
            throw ProblemException.of(StagingProblem.NAME_TAKEN,
                            "an environment named '" + request.name() + "' already exists")
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

    /**
     * Changes an environment's name, host, time zone or connector path. Mount bases already assigned
     * keep the connector path they were made with (the files are there); new dSources use the new one.
     */
    @Transactional
    public Environment update(UUID id, EnvironmentChanges changes) {
        Environment e = environments.lock(id).orElseThrow(() -> ProblemException.notFound("environment", id));
        String name = changes.name() == null ? e.name() : changes.name().trim();
        String host = changes.host() == null ? e.host() : changes.host().trim();
        String zone = changes.timeZone() == null ? e.timeZone() : canonicalZone(changes.timeZone());
        String connector = changes.connectorPath() == null ? e.connectorPath() : changes.connectorPath().trim();
        List<String> changed = new ArrayList<>();
        if (!name.equals(e.name())) {
            changed.add("name");
        }
        if (!host.equals(e.host())) {
            changed.add("host");
        }
        if (!zone.equals(e.timeZone())) {
            changed.add("timeZone");
        }
        if (!connector.equals(e.connectorPath())) {
            changed.add("connectorPath");
        }
        if (changed.isEmpty()) {
            return e;
        }
        if (changed.contains("name") && environments.nameTakenByOther(name, id)) {
            throw ProblemException.of(StagingProblem.NAME_TAKEN, "an environment named '" + name + "' already exists")
                    .with("name", name);
        }
        Instant now = clock.instant();
        e.update(name, host, zone, connector, now);
        outbox.publish(new EnvironmentUpdated(e.id().toString(), e.name(), e.host(), e.osType().name(), e.timeZone(),
                e.connectorPath(), List.copyOf(changed), now));
        LOG.infof("updated environment %s (%s): %s", e.name(), e.id(), changed);
        return e;
    }

    /** Removes an environment and its repositories; refused while a dSource uses it. */
    @Transactional
    public void delete(UUID id) {
        Environment e = environments.lock(id).orElseThrow(() -> ProblemException.notFound("environment", id));
        List<UUID> users = dsources.usingEnvironment(id, DEPENDANTS_NAMED);
        if (!users.isEmpty()) {
            throw ProblemException.of(StagingProblem.ENVIRONMENT_IN_USE,
                            "the environment is used by " + users.size() + (users.size() == DEPENDANTS_NAMED ? " or more" : "")
                                    + " dSource(s): delete them or attach them elsewhere first")
                    .with("dsourceIds", users.stream().map(UUID::toString).toList());
        }
        for (SqlInstance instance : instances.ofEnvironment(id)) {
            instances.remove(instance);
        }
        environments.remove(e);
        outbox.publish(new EnvironmentDeleted(id.toString(), clock.instant()));
        LOG.infof("deleted environment %s (%s)", e.name(), id);
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

    // ---- repositories (SQL Server instances)

    @Transactional
    public SqlInstance addRepository(UUID environmentId, NewRepository request) {
        Environment e = environments.lock(environmentId)
                .orElseThrow(() -> ProblemException.notFound("environment", environmentId));
        String name = request.name().trim();
        if (instances.nameTaken(environmentId, name)) {
            throw ProblemException.of(StagingProblem.NAME_TAKEN,
                    "the environment already has a repository named '" + name + "'").with("name", name);
        }
        Instant now = clock.instant();
        SqlInstance instance = new SqlInstance(UUID.randomUUID(), environmentId, name,
                request.version() == null ? null : request.version().trim(), request.port(), now);
        instances.add(instance);
        outbox.publish(new RepositoryAdded(environmentId.toString(), instance.id().toString(), instance.name(),
                instance.version(), instance.port(), now));
        LOG.infof("added repository %s (%s) to environment %s", instance.name(), instance.id(), e.name());
        return instance;
    }

    @Transactional
    public List<SqlInstance> repositories(UUID environmentId) {
        get(environmentId);
        return instances.ofEnvironment(environmentId);
    }

    @Transactional
    public SqlInstance repository(UUID environmentId, UUID repositoryId) {
        get(environmentId);
        return instances.find(repositoryId)
                .filter(i -> Objects.equals(i.environmentId(), environmentId))
                .orElseThrow(() -> ProblemException.notFound("repository", repositoryId));
    }

    @Transactional
    public void deleteRepository(UUID environmentId, UUID repositoryId) {
        environments.lock(environmentId).orElseThrow(() -> ProblemException.notFound("environment", environmentId));
        SqlInstance instance = repository(environmentId, repositoryId);
        List<UUID> users = dsources.usingRepository(repositoryId, DEPENDANTS_NAMED);
        if (!users.isEmpty()) {
            throw ProblemException.of(StagingProblem.REPOSITORY_IN_USE,
                            "the repository is used by " + users.size() + (users.size() == DEPENDANTS_NAMED ? " or more" : "")
                                    + " dSource(s): delete them or attach them elsewhere first")
                    .with("dsourceIds", users.stream().map(UUID::toString).toList());
        }
        instances.remove(instance);
        outbox.publish(new RepositoryDeleted(environmentId.toString(), repositoryId.toString(), clock.instant()));
        LOG.infof("deleted repository %s (%s)", instance.name(), repositoryId);
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
