package io.timeflow.staging.domain;

import io.timeflow.platform.problem.Warning;
import io.timeflow.events.staging.DSourceAttached;
import io.timeflow.events.staging.DSourceDeleted;
import io.timeflow.events.staging.DSourceDetached;
import io.timeflow.events.staging.DSourceDisabled;
import io.timeflow.events.staging.DSourceEnabled;
import io.timeflow.events.staging.DSourceLinked;
import io.timeflow.events.staging.DSourceUpdated;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.events.staging.StorageState;
import io.timeflow.events.staging.StorageStateChanged;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.upgrades.PluginUpgradeGuard;
import io.timeflow.staging.persistence.DSourceRepository;
import io.timeflow.staging.persistence.EnvironmentRepository;
import io.timeflow.staging.persistence.RestoreRepository;
import io.timeflow.staging.persistence.SqlInstanceRepository;
import io.timeflow.staging.persistence.VdbDependantRepository;
import io.timeflow.events.snapshot.VdbDeleted;
import io.timeflow.events.snapshot.VdbProvisioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Staging-push dSources: link, describe, enable, disable, detach, attach, delete, and the agent's
 * reports about attaching the staging database and about storage. Each change locks the dSource's
 * row and writes its event in the same transaction. Administrative operations wait for upgrades of
 * the dSource's plugin.
 */
@ApplicationScoped
public class DSourceService {

    private static final Logger LOG = Logger.getLogger(DSourceService.class);

    /** The plugin providing staging-push dSources when the caller names none. */
    public static final String DEFAULT_PLUGIN = "mssql-staging-push";

    /** What a caller asks to link. */
    public record NewDSource(String name, String stagingDatabaseName, DatabaseStateMode databaseStateMode,
            UUID environmentId, UUID repositoryId, String targetGroup, String notes, List<Hook> hooks, String pluginId,
            UUID syncPolicyId) {

        public NewDSource(String name, String stagingDatabaseName, DatabaseStateMode databaseStateMode,
                UUID environmentId, UUID repositoryId, String targetGroup, String notes, List<Hook> hooks,
                String pluginId) {
            this(name, stagingDatabaseName, databaseStateMode, environmentId, repositoryId, targetGroup, notes, hooks,
                    pluginId, null);
        }
    }

    /** Descriptive settings to change; null leaves one as it is, an empty string (or list) clears it. */
    public record Changes(String notes, String targetGroup, List<Hook> hooks) {
    }

    /** Where to attach a detached dSource. */
    public record Attachment(String stagingDatabaseName, DatabaseStateMode databaseStateMode, UUID environmentId,
            UUID repositoryId) {
    }

    /** A dSource after an operation, with the warnings the operation succeeded with. */
    public record Outcome(DSource dsource, List<Warning> warnings) {
    }

    private final DSourceRepository dsources;
    private final EnvironmentRepository environments;
    private final SqlInstanceRepository instances;
    private final RestoreRepository restores;
    private final FaultService faults;
    private final SealedHooks sealedHooks;
    private final EngineIdentity engine;
    private final PluginUpgradeGuard upgrades;
    private final Outbox outbox;
    private final VdbDependantRepository vdbs;
    private final Clock clock;

    @Inject
    AgentService agentService;

    @Inject
    io.timeflow.staging.persistence.AgentRepository agents;

    @Inject
    io.timeflow.staging.persistence.StagingDatabaseRepository observations;

    @Inject
    io.timeflow.staging.config.StagingConfig config;

    @Inject
    public DSourceService(DSourceRepository dsources, EnvironmentRepository environments, SqlInstanceRepository instances,
            RestoreRepository restores, FaultService faults, SealedHooks sealedHooks, EngineIdentity engine,
            PluginUpgradeGuard upgrades, Outbox outbox, VdbDependantRepository vdbs, Clock clock) {
        this.dsources = dsources;
        this.vdbs = vdbs;
        this.environments = environments;
        this.instances = instances;
        this.restores = restores;
        this.faults = faults;
        this.sealedHooks = sealedHooks;
        this.engine = engine;
        this.upgrades = upgrades;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A VDB was provisioned from one of a dSource's snapshots (from timeflow.snapshot.v1, in the consumer's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void vdbProvisioned(VdbProvisioned event) {
        vdbs.provisioned(UUID.fromString(event.vdbId()), UUID.fromString(event.dsourceId()), event.name(),
                event.snapshotId(), event.provisionedAt());
    }

    /** A VDB was deleted (from timeflow.snapshot.v1, in the consumer's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void vdbDeleted(VdbDeleted event) {
        vdbs.deleted(UUID.fromString(event.vdbId()));
    }

    /** A VDB moved to another snapshot of the same dSource (from timeflow.snapshot.v1). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void vdbRefreshed(io.timeflow.events.snapshot.VdbRefreshed event) {
        vdbs.refreshed(UUID.fromString(event.vdbId()), event.snapshotId());
    }

    /** snapshot-service created a SnapSync policy (from timeflow.snapshot.v1, in the consumer's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void policyCreated(io.timeflow.events.snapshot.SyncPolicyCreated event) {
        agents.policyCreated(UUID.fromString(event.policyId()), event.name(), event.createdAt());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void policyDeleted(io.timeflow.events.snapshot.SyncPolicyDeleted event) {
        agents.policyDeleted(UUID.fromString(event.policyId()));
    }

    @Transactional
    public DSource link(NewDSource request) {
        String pluginId = request.pluginId() == null ? DEFAULT_PLUGIN : request.pluginId();
        checkHookNames(request.hooks());
        upgrades.assertNotUpgrading(pluginId, "linking a dSource");
        Environment env = environment(request.environmentId());
        SqlInstance instance = repositoryOf(env, request.repositoryId());
        if (request.syncPolicyId() != null && !agents.policyKnown(request.syncPolicyId())) {
            throw unknownReference("syncPolicyId", "names no SnapSync policy");
        }
        String name = request.name().trim();
        if (dsources.nameTaken(name)) {
            throw ProblemException.of(StagingProblem.NAME_TAKEN, "a dSource named '" + name + "' already exists")
                    .with("name", name);
        }
        UUID id = UUID.randomUUID();
        String database = request.stagingDatabaseName().trim();
        stagingDatabaseFree(instance, database, id);
        long containerId = dsources.nextContainerId();
        StagingMount mount = StagingMount.assign(env.osType(), env.connectorPath(), engine.engineId(), containerId);
        Instant now = clock.instant();
        DSource d = new DSource(id, name, pluginId, database, request.databaseStateMode(), env.id(), instance.id(),
                blankToNull(request.targetGroup()), blankToNull(request.notes()), containerId, mount, now);
        d.describe(d.notes(), d.targetGroup(), sealedHooks.seal(id, request.hooks()), now);
        d.syncPolicy(request.syncPolicyId());
        dsources.add(d);
        outbox.publish(new DSourceLinked(id.toString(), d.name(), d.stagingDatabaseName(), d.databaseStateMode(),
                env.id().toString(), instance.id().toString(), pluginId, d.mountBase(), env.timeZone(), now,
                phases(request.hooks()), request.syncPolicyId() == null ? null : request.syncPolicyId().toString(),
                d.ingestionType().name()));
        // the agent creates the staging database on the mount (and its pre-sync hook runs before the first snapshot)
        agentService.requestAttach(d, AgentTask.Kind.LINK);
        LOG.infof("linked dSource %s (%s) on %s, mount base %s", d.name(), id, env.name(), d.mountBase());
        return d;
    }

    @Transactional
    public DSource update(UUID id, Changes changes) {
        DSource d = lock(id);
        upgrades.assertNotUpgrading(d.pluginId(), "updating a dSource");
        List<String> changed = new ArrayList<>();
        String notes = d.notes();
        if (changes.notes() != null && !Objects.equals(blankToNull(changes.notes()), d.notes())) {
            notes = blankToNull(changes.notes());
            changed.add("notes");
        }
        String targetGroup = d.targetGroup();
        if (changes.targetGroup() != null && !Objects.equals(blankToNull(changes.targetGroup()), d.targetGroup())) {
            targetGroup = blankToNull(changes.targetGroup());
            changed.add("targetGroup");
        }
        String sealed = d.sealedHooks();
        if (changes.hooks() != null) {
            checkHookNames(changes.hooks());
            if (!changes.hooks().equals(sealedHooks.open(id, d.sealedHooks()))) {
                sealed = sealedHooks.seal(id, changes.hooks());
                changed.add("hooks");
            }
        }
        if (changed.isEmpty()) {
            return d;
        }
        Instant now = clock.instant();
        d.describe(notes, targetGroup, sealed, now);
        outbox.publish(new DSourceUpdated(id.toString(), List.copyOf(changed), now,
                changed.contains("hooks") ? phases(changes.hooks()) : null));
        LOG.infof("updated dSource %s (%s): %s", d.name(), id, changed);
        return d;
    }

    /** Deletes a dSource and its history; refused while a restore into it is in progress. */
    @Transactional
    public void delete(UUID id) {
        DSource d = lock(id);
        upgrades.assertNotUpgrading(d.pluginId(), "deleting a dSource");
        restores.inProgress(id).ifPresent(r -> {
            throw ProblemException.of(StagingProblem.RESTORE_IN_PROGRESS,
                            "a restore into the staging database is in progress: wait for it to be reported completed or "
                                    + "failed before deleting the dSource")
                    .with("restoreId", r.id().toString());
        });
        List<VdbDependantRepository.VdbDependant> dependants = vdbs.of(id);
        if (!dependants.isEmpty()) {
            throw ProblemException.of(StagingProblem.DSOURCE_HAS_DEPENDANTS,
                            "VDBs are provisioned from snapshots of this dSource: delete them first ("
                                    + dependants.stream().map(v -> v.name() + " " + v.vdbId()).toList() + ")")
                    .with("vdbIds", dependants.stream().map(v -> v.vdbId().toString()).toList());
        }
        faults.resolveAllOf(id);
        dsources.remove(d);
        outbox.publish(new DSourceDeleted(id.toString(), clock.instant()));
        LOG.infof("deleted dSource %s (%s)", d.name(), id);
    }

    /**
     * Enables a dSource, attempting the attach of its staging database through the agent of its
     * environment (ADR 0101): the enable waits for the attempt (at most {@code timeflow.agent.attach-wait});
     * a failed, impossible (no agent running) or unfinished attach gives the warning
     * SKIP_ATTACH_OPERATION and the enable succeeds. Files in a sub-directory of the mount fail it.
     */
    public Outcome enable(UUID id) {
        java.util.Optional<UUID> taskId = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            DSource d = lock(id);
            checkEnable(d);
            if (!agentService.agentRunning(d.environmentId())) {
                return java.util.Optional.<UUID>empty();
            }
            return java.util.Optional.of(agentService.requestAttach(d, AgentTask.Kind.ENABLE).id());
        });
        AgentTask attempt = taskId.map(t -> agentService.awaitEnd(t, config.agent().attachWait())).orElse(null);
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            DSource d = lock(id);
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
        DSource d = lock(id);
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
        DSource d = lock(id);
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
        DSource d = lock(id);
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
        DSource d = lock(id);
        upgrades.assertNotUpgrading(d.pluginId(), "attaching a dSource");
        Lifecycle.attach(facts(d));
        AttachRules.filesUnderMount(d.mount(), observedFiles(d), "attaching (linking) dSource " + d.name());
        Environment env = environment(request.environmentId());
        SqlInstance instance = repositoryOf(env, request.repositoryId());
        String database = request.stagingDatabaseName().trim();
        stagingDatabaseFree(instance, database, id);
        StagingMount mount = env.id().equals(d.environmentId()) ? d.mount()
                : d.mount().movedTo(env.osType(), env.connectorPath());
        Instant now = clock.instant();
        d.attach(database, request.databaseStateMode(), env.id(), instance.id(), mount, now);
        dsources.flush();
        outbox.publish(new DSourceAttached(id.toString(), database, request.databaseStateMode(), env.id().toString(),
                instance.id().toString(), now, d.mountBase(), env.timeZone()));
        // the agent attaches the database files (their names stay) under the new staging database name
        agentService.requestAttach(d, AgentTask.Kind.ATTACH);
        List<Warning> warnings = new ArrayList<>();
        if (request.databaseStateMode() != d.databaseStateMode()) {
            warnings.add(new Warning("DATABASE_STATE_CHANGED",
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
        DSource d = lock(id);
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
        DSource d = lock(id);
        StorageRules.Transition t = StorageRules.report(d.storageState(), d.logRestoreNeedsRebase(), state);
        if (t.changed()) {
            Instant now = clock.instant();
            d.storage(t.state(), t.logRestoreNeedsRebase(), now);
            outbox.publish(new StorageStateChanged(id.toString(), t.state(), t.logRestoreNeedsRebase(), now));
            LOG.infof("storage of dSource %s (%s) is %s", d.name(), id, t.state());
        }
        return new Outcome(d, t.warnings());
    }

    @Transactional
    public DSource get(UUID id) {
        return dsources.find(id).orElseThrow(() -> ProblemException.notFound("dsource", id));
    }

    /** The hooks with their commands: for the agent that runs them and for admins. */
    @Transactional
    public List<Hook> hooks(UUID id) {
        return sealedHooks.open(id, get(id).sealedHooks());
    }

    /** The hooks without their commands, for any reader. */
    public List<Hook> hookOutlines(DSource d) {
        return sealedHooks.open(d.id(), d.sealedHooks()).stream()
                .map(h -> new Hook(h.phase(), h.name(), h.shell(), null)).toList();
    }

    /** Codes of the faults active on the dSource (CANNOT_MONITOR, ATTACH_FAILED ...). */
    @Transactional
    public List<String> activeFaultCodes(UUID id) {
        return faults.activeCodes(id);
    }

    @Transactional
    public List<DSource> page(DSourceRepository.Filter filter, int offset, int limit) {
        return dsources.page(filter, offset, limit);
    }

    @Transactional
    public long count(DSourceRepository.Filter filter) {
        return dsources.count(filter);
    }

    DSource lock(UUID id) {
        return dsources.lock(id).orElseThrow(() -> ProblemException.notFound("dsource", id));
    }

    private Lifecycle.Facts facts(DSource d) {
        return new Lifecycle.Facts(d.enabled(), d.attached(), d.databaseStateMode(), d.attachedStateMode(),
                d.attachStatus(), d.attachFailure(), restores.inProgress(d.id()).isPresent());
    }

    private Environment environment(UUID id) {
        return environments.find(id).orElseThrow(() -> unknownReference("environmentId", "no such environment"));
    }

    private SqlInstance repositoryOf(Environment env, UUID repositoryId) {
        return instances.find(repositoryId)
                .filter(i -> i.environmentId().equals(env.id()))
                .orElseThrow(() -> unknownReference("repositoryId", "is not a repository of the environment"));
    }

    private void stagingDatabaseFree(SqlInstance instance, String database, UUID self) {
        dsources.stagingDatabaseUser(instance.id(), database, self).ifPresent(other -> {
            throw ProblemException.of(StagingProblem.STAGING_DATABASE_TAKEN,
                            "another dSource already uses a staging database of that name on this SQL Server instance")
                    .with("dsourceId", other.toString());
        });
    }

    /** The phases the hooks cover, in phase order (never their commands). */
    static List<String> phases(List<Hook> hooks) {
        return hooks == null ? List.of() : hooks.stream().map(Hook::phase).distinct().sorted().map(Enum::name).toList();
    }

    private static void checkHookNames(List<Hook> hooks) {
        if (hooks == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < hooks.size(); i++) {
            if (!seen.add(hooks.get(i).name().trim().toLowerCase(java.util.Locale.ROOT))) {
                errors.add(new Problem.FieldError("hooks[" + i + "].name", "is the name of another hook"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(CommonProblem.VALIDATION_FAILED,
                    "hook names must be unique", errors, Map.of());
        }
    }

    static ProblemException unknownReference(String field, String message) {
        return new ProblemException(StagingProblem.UNKNOWN_REFERENCE,
                field + " " + message, List.of(new Problem.FieldError(field, message)), Map.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
