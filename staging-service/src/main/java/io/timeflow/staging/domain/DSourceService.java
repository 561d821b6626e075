package io.timeflow.staging.domain;

import io.timeflow.events.staging.DSourceDeleted;
import io.timeflow.events.staging.DSourceLinked;
import io.timeflow.events.staging.DSourceUpdated;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.upgrades.PluginUpgradeGuard;
import io.timeflow.staging.persistence.AgentRepository;
import io.timeflow.staging.persistence.DSourceRepository;
import io.timeflow.staging.persistence.EnvironmentRepository;
import io.timeflow.staging.persistence.RestoreRepository;
import io.timeflow.staging.persistence.SqlInstanceRepository;
import io.timeflow.staging.persistence.VdbDependantRepository;
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
 * Staging-push dSources as a catalogue: link, describe, delete, read. Each change locks the dSource's row and
 * writes its event in the same transaction; administrative operations wait for upgrades of the dSource's plugin.
 * What happens to a linked dSource (enable, attach, the agent's reports ...) is {@link DSourceOperations}.
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

    private final AgentService agentService;
    private final AgentRepository agents;

    @Inject
    public DSourceService(DSourceRepository dsources, EnvironmentRepository environments, SqlInstanceRepository instances,
            RestoreRepository restores, FaultService faults, SealedHooks sealedHooks, EngineIdentity engine,
            PluginUpgradeGuard upgrades, Outbox outbox, VdbDependantRepository vdbs, AgentService agentService,
            AgentRepository agents, Clock clock) {
        this.agentService = agentService;
        this.agents = agents;
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

    Environment environment(UUID id) {
        return environments.find(id).orElseThrow(() -> unknownReference("environmentId", "no such environment"));
    }

    SqlInstance repositoryOf(Environment env, UUID repositoryId) {
        return instances.find(repositoryId)
                .filter(i -> i.environmentId().equals(env.id()))
                .orElseThrow(() -> unknownReference("repositoryId", "is not a repository of the environment"));
    }

    void stagingDatabaseFree(SqlInstance instance, String database, UUID self) {
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
