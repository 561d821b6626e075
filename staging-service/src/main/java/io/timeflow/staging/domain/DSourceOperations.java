package io.timeflow.staging.domain;

import io.timeflow.events.staging.DSourceAttached;
import io.timeflow.events.staging.DSourceDetached;
import io.timeflow.events.staging.DSourceDisabled;
import io.timeflow.events.staging.DSourceEnabled;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.events.staging.StorageState;
import io.timeflow.events.staging.StorageStateChanged;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.problem.Warning;
import io.timeflow.platform.upgrades.PluginUpgradeGuard;
import io.timeflow.staging.config.StagingConfig;
import io.timeflow.staging.persistence.DSourceRepository;
import io.timeflow.staging.persistence.EnvironmentRepository;
import io.timeflow.staging.persistence.RestoreRepository;
import io.timeflow.staging.persistence.StagingDatabaseRepository;
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
 * What happens to a linked dSource: enable, disable, detach, attach (again), conversion between linked and
 * staging-push ingestion, and the agent's reports about attaching the staging database and about storage. Each
 * locks the dSource's row, checks the {@link Lifecycle} rules and writes its event in the same transaction;
 * administrative operations wait for upgrades of the dSource's plugin.
 */
@ApplicationScoped
public class DSourceOperations {

    private static final Logger LOG = Logger.getLogger(DSourceOperations.class);

    /** Where to attach a detached dSource. */
    public record Attachment(String stagingDatabaseName, DatabaseStateMode databaseStateMode, UUID environmentId,
            UUID repositoryId) {
    }

    /** A dSource after an operation, with the warnings the operation succeeded with. */
    public record Outcome(DSource dsource, List<Warning> warnings) {
    }

    private final DSourceService dsources;
    private final DSourceRepository repository;
    private final EnvironmentRepository environments;
    private final RestoreRepository restores;
    private final StagingDatabaseRepository observations;
    private final FaultService faults;
    private final AgentService agentService;
    private final PluginUpgradeGuard upgrades;
    private final Outbox outbox;
    private final StagingConfig config;
    private final Clock clock;

    @Inject
    public DSourceOperations(DSourceService dsources, DSourceRepository repository, EnvironmentRepository environments, RestoreRepository restores,
            StagingDatabaseRepository observations, FaultService faults, AgentService agentService,
            PluginUpgradeGuard upgrades, Outbox outbox, StagingConfig config, Clock clock) {
        this.dsources = dsources;
        this.repository = repository;
        this.environments = environments;
        this.restores = restores;
        this.observations = observations;
        this.faults = faults;
        this.agentService = agentService;
        this.upgrades = upgrades;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Enables a dSource, attempting the attach of its staging database through the agent of its
     * environment (ADR 0101): the enable waits for the attempt (at most {@code timeflow.agent.attach-wait});
     * a failed, impossible (no agent running) or unfinished attach gives the warning
     * SKIP_ATTACH_OPERATION and the enable succeeds. Files in a sub-directory of the mount fail it.
     */
    public Outcome enable(UUID id) {
        java.util.Optional<UUID> taskId = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            DSource d = dsources.lock(id);
            checkEnable(d);
            if (!agentService.agentRunning(d.environmentId())) {
                return java.util.Optional.<UUID>empty();
            }
            return java.util.Optional.of(agentService.requestAttach(d, AgentTask.Kind.ENABLE).id());
        });
        AgentTask attempt = taskId.map(t -> agentService.awaitEnd(t, config.agent().attachWait())).orElse(null);
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            DSource d = dsources.lock(id);
            checkEnable(d);
            if (attempt != null && !attempt.filesOutside().isEmpty()) {
                AttachRules.filesUnderMount(d.mount(), attempt.files(), "enabling dSource " + d.name());
            }
            String environmentName = environments.find(d.environmentId()).map(Environment::name)
                    .orElse(d.environmentId().toString());
            List<Warning> warnings = AttachRules.enableWarnings(attempt == null ? null : attempt.state(),
                    attempt == null ? null : attempt.outcomeReason(), environmentName);
            Instant now = clock.instant();
            d.enable(now);
            outbox.publish(new DSourceEnabled(id.toString(), warnings.stream().map(Warning::code).toList(), now));
            LOG.infof("enabled dSource %s (%s)%s", d.name(), id, warnings.isEmpty() ? "" : " with warnings "
                    + warnings.stream().map(Warning::code).toList());
            return new Outcome(d, warnings);
        });
    }

    private void checkEnable(DSource d) {
        upgrades.assertNotUpgrading(d.pluginId(), "enabling a dSource");
        Lifecycle.enable(facts(d));
        AttachRules.filesUnderMount(d.mount(), observedFiles(d), "enabling dSource " + d.name());
    }

    /** The database files the agent last observed for the dSource (none when never observed). */
    private List<String> observedFiles(DSource d) {
        return observations.find(d.id()).map(StagingDatabase::files).orElse(List.of());
    }

    /**
     * Converts an ONLINE-mode dSource between linked and staging-push ingestion; its timeflows and
     * snapshots stay (snapshot-service keeps them). Refused in RESTORING mode.
     */
    @Transactional
    public DSource convert(UUID id, DSource.IngestionType to) {
        DSource d = dsources.lock(id);
        upgrades.assertNotUpgrading(d.pluginId(), "converting a dSource");
        DSource.IngestionType from = d.ingestionType();
        Lifecycle.convert(d.databaseStateMode(), from, to, restores.inProgress(id).isPresent());
        Instant now = clock.instant();
        d.converted(to, now);
        outbox.publish(new io.timeflow.events.staging.DSourceConverted(id.toString(), from.name(), to.name(), now));
        LOG.infof("converted dSource %s (%s) from %s to %s", d.name(), id, from, to);
        return d;
    }

    @Transactional
    public Outcome disable(UUID id) {
        DSource d = dsources.lock(id);
        upgrades.assertNotUpgrading(d.pluginId(), "disabling a dSource");
        Lifecycle.disable(facts(d));
        Instant now = clock.instant();
        d.disable(now);
        outbox.publish(new DSourceDisabled(id.toString(), now));
        LOG.infof("disabled dSource %s (%s)", d.name(), id);
        return new Outcome(d, List.of());
    }

    @Transactional
    public Outcome detach(UUID id) {
        DSource d = dsources.lock(id);
        upgrades.assertNotUpgrading(d.pluginId(), "detaching a dSource");
        Lifecycle.detach(facts(d));
        Instant now = clock.instant();
        d.detach(now);
        outbox.publish(new DSourceDetached(id.toString(), now));
        LOG.infof("detached dSource %s (%s) from staging database %s", d.name(), id, d.stagingDatabaseName());
        return new Outcome(d, List.of());
    }

    /**
     * Links a detached dSource again, possibly under a new staging database name and on another
     * environment or instance; the container and so the file names stay. Another database state mode
     * is accepted here and makes the next enable fail.
     */
    @Transactional
    public Outcome attach(UUID id, Attachment request) {
        DSource d = dsources.lock(id);
        upgrades.assertNotUpgrading(d.pluginId(), "attaching a dSource");
        Lifecycle.attach(facts(d));
        AttachRules.filesUnderMount(d.mount(), observedFiles(d), "attaching (linking) dSource " + d.name());
        Environment env = dsources.environment(request.environmentId());
        SqlInstance instance = dsources.repositoryOf(env, request.repositoryId());
        String database = request.stagingDatabaseName().trim();
        dsources.stagingDatabaseFree(instance, database, id);
        StagingMount mount = env.id().equals(d.environmentId()) ? d.mount()
                : d.mount().movedTo(env.osType(), env.connectorPath());
        Instant now = clock.instant();
        d.attach(database, request.databaseStateMode(), env.id(), instance.id(), mount, now);
        repository.flush();
        outbox.publish(new DSourceAttached(id.toString(), database, request.databaseStateMode(), env.id().toString(),
                instance.id().toString(), now, d.mountBase(), env.timeZone()));
        // the agent attaches the database files (their names stay) under the new staging database name
        agentService.requestAttach(d, AgentTask.Kind.ATTACH);
        List<Warning> warnings = new ArrayList<>();
        if (request.databaseStateMode() != d.databaseStateMode()) {
            warnings.add(new Warning(StagingWarning.DATABASE_STATE_CHANGED,
                    "attached with database state " + request.databaseStateMode() + " but linked with "
                            + d.databaseStateMode() + ": the attach succeeds, but enabling the dSource will fail until it "
                            + "is attached again with " + d.databaseStateMode()));
        }
        LOG.infof("attached dSource %s (%s) to staging database %s", d.name(), id, database);
        return new Outcome(d, warnings);
    }

    /**
     * The staging-host agent reports whether attaching the staging database worked. A failure raises
     * a WARNING fault ATTACH_FAILED, and the next enable succeeds with SKIP_ATTACH_OPERATION; a
     * success resolves the fault.
     */
    @Transactional
    public DSource reportAttach(UUID id, DSource.AttachStatus status, String reason) {
        DSource d = dsources.lock(id);
        if (!d.attached()) {
            throw ProblemException.of(StagingProblem.DSOURCE_DETACHED,
                    "the dSource is detached: there is no staging database to attach until it is attached again");
        }
        if (status == DSource.AttachStatus.PENDING) {
            throw ProblemException.invalid("status", "must be ATTACHED or FAILED");
        }
        String failure = status == DSource.AttachStatus.FAILED ? (reason == null ? "no reason given" : reason.trim())
                : null;
        d.attachReported(status, failure, clock.instant());
        faults.observe(id, FaultService.ATTACH_FAILED, status == DSource.AttachStatus.FAILED,
                "attaching staging database " + d.stagingDatabaseName() + " failed: " + failure);
        LOG.infof("attach of the staging database of dSource %s (%s) reported %s", d.name(), id, status);
        return d;
    }

    /** The storage agent reports the dSource's storage paused at its critical threshold, or running again. */
    @Transactional
    public Outcome reportStorage(UUID id, StorageState state) {
        DSource d = dsources.lock(id);
        StorageRules.Transition t = StorageRules.report(d.storageState(), d.logRestoreNeedsRebase(), state);
        if (t.changed()) {
            Instant now = clock.instant();
            d.storage(t.state(), t.logRestoreNeedsRebase(), now);
            outbox.publish(new StorageStateChanged(id.toString(), t.state(), t.logRestoreNeedsRebase(), now));
            LOG.infof("storage of dSource %s (%s) is %s", d.name(), id, t.state());
        }
        return new Outcome(d, t.warnings());
    }

    private Lifecycle.Facts facts(DSource d) {
        return new Lifecycle.Facts(d.enabled(), d.attached(), d.databaseStateMode(), d.attachedStateMode(),
                d.attachStatus(), d.attachFailure(), restores.inProgress(d.id()).isPresent());
    }
}
