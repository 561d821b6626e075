package io.timeflow.staging.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.staging.config.StagingConfig;
import io.timeflow.staging.persistence.AgentRepository;
import io.timeflow.staging.persistence.DSourceRepository;
import io.timeflow.staging.persistence.EnvironmentRepository;
import io.timeflow.staging.persistence.SqlInstanceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The staging hosts' agents (ADR 0100): an agent registers its environment (created if it does not
 * exist, with its SQL Server instances), learns the dSources to serve, and takes attach tasks under
 * a lease. A task's outcome, checked by {@link AttachRules}, is the dSource's attach status; a failed
 * attach raises the WARNING fault ATTACH_FAILED, a successful one resolves it.
 */
@ApplicationScoped
public class AgentService {

    private static final Logger LOG = Logger.getLogger(AgentService.class);

    /** What an agent says of itself and its host when it starts. */
    public record Registration(String name, String environmentName, String host, Environment.OsType osType,
            String timeZone, String connectorPath, List<EnvironmentService.NewRepository> instances, String version,
            List<String> shells) {
    }

    /** An agent and its environment, as the agent needs them. */
    public record Registered(Agent agent, Environment environment, List<SqlInstance> instances) {
    }

    /** A dSource the agent serves, with what it needs to watch it and run its hooks. */
    public record Served(DSource dsource, String repositoryName, List<Hook.Phase> hookPhases, Restore lastRestore) {
    }

    /** The agent's report of an attach task. */
    public record TaskReport(boolean attached, String reason, List<String> files) {
    }

    private final AgentRepository agents;
    private final EnvironmentRepository environments;
    private final SqlInstanceRepository instances;
    private final DSourceRepository dsources;
    private final EnvironmentService environmentService;
    private final SealedHooks sealedHooks;

    @Inject
    io.timeflow.staging.persistence.RestoreRepository restores;
    private final FaultService faults;
    private final StagingConfig config;
    private final Clock clock;

    @Inject
    public AgentService(AgentRepository agents, EnvironmentRepository environments, SqlInstanceRepository instances,
            DSourceRepository dsources, EnvironmentService environmentService, SealedHooks sealedHooks,
            FaultService faults, StagingConfig config, Clock clock) {
        this.agents = agents;
        this.environments = environments;
        this.instances = instances;
        this.dsources = dsources;
        this.environmentService = environmentService;
        this.sealedHooks = sealedHooks;
        this.faults = faults;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Registers (or refreshes) an agent. Its environment is found by name and created when missing;
     * an environment of that name on another host is refused (an agent cannot take over another
     * host's dSources). Instances the environment lacks are added.
     */
    @Transactional
    public Registered register(Registration r) {
        Environment env = environments.findByName(r.environmentName().trim()).orElse(null);
        if (env == null) {
            env = environmentService.register(new EnvironmentService.NewEnvironment(r.environmentName().trim(),
                    r.host().trim(), r.osType(), r.timeZone(), r.connectorPath()));
        } else if (!env.host().equalsIgnoreCase(r.host().trim())) {
            throw ProblemException.of(StagingProblem.ENVIRONMENT_HOST_MISMATCH, "environment " + env.name()
                            + " is registered for another host; an agent registers only the environment of its own host")
                    .with("environmentId", env.id().toString());
        }
        for (EnvironmentService.NewRepository instance : r.instances()) {
            if (!instances.nameTaken(env.id(), instance.name().trim())) {
                environmentService.addRepository(env.id(), instance);
            }
        }
        Instant now = clock.instant();
        Optional<Agent> existing = agents.lock(r.name());
        Agent agent = existing.orElseGet(() -> new Agent(r.name(), null, now));
        agent.registered(env.id(), r.version(), r.shells(), now);
        if (existing.isEmpty()) {
            agents.add(agent);
            LOG.infof("agent %s registered for environment %s (%s)", r.name(), env.name(), env.id());
        }
        return new Registered(agent, env, instances.ofEnvironment(env.id()));
    }

    @Transactional
    public List<Agent> list() {
        return agents.all();
    }

    /** Whether the agent asked for work recently enough to count as running. */
    public boolean alive(Agent agent) {
        return agent.lastSeenAt().isAfter(clock.instant().minus(config.agent().aliveWithin()));
    }

    /** The dSources of the agent's environment (attached or not), with their hooks' phases. */
    @Transactional
    public List<Served> served(String agentName) {
        Agent agent = agent(agentName);
        agent.seen(clock.instant());
        Map<UUID, String> names = new java.util.HashMap<>();
        instances.ofEnvironment(agent.environmentId()).forEach(i -> names.put(i.id(), i.name()));
        return dsources.ofEnvironment(agent.environmentId()).stream()
                .map(d -> new Served(d, names.get(d.repositoryId()),
                        sealedHooks.open(d.id(), d.sealedHooks()).stream().map(Hook::phase).distinct().toList(),
                        d.lastRestoreId() == null ? null : restores.find(d.lastRestoreId()).orElse(null)))
                .toList();
    }

    /** Asks the agent of the dSource's environment to attach its staging database; returns the task. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AgentTask requestAttach(DSource d, AgentTask.Kind kind) {
        AgentTask task = new AgentTask(UUID.randomUUID(), d, kind, clock.instant());
        agents.addTask(task);
        return task;
    }

    /** Whether an agent of the environment is running. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean agentRunning(UUID environmentId) {
        return agents.alive(environmentId, clock.instant().minus(config.agent().aliveWithin()));
    }

    /** Gives the agent the oldest attach task of its environment, under a lease; expired leases end first. */
    @Transactional
    public Optional<AgentTask> claim(String agentName) {
        Agent agent = agent(agentName);
        Instant now = clock.instant();
        agent.seen(now);
        for (UUID expired : agents.expiredTasks(agent.environmentId(), now)) {
            expire(expired, "agent did not report within its lease");
        }
        Optional<UUID> next = agents.nextTask(agent.environmentId());
        if (next.isEmpty()) {
            return Optional.empty();
        }
        AgentTask task = agents.task(next.get()).orElseThrow();
        task.claimed(agentName, now.plus(config.agent().taskLease()));
        LOG.infof("agent %s attaches the staging database %s of dSource %s (task %s, %s)", agentName,
                task.databaseName(), task.dsourceId(), task.id(), task.kind());
        return Optional.of(task);
    }

    /**
     * The agent's report of an attach task, checked against the staging-push rules. Reporting a task
     * again answers it as it ended (an agent that restarted reports again).
     */
    @Transactional
    public AgentTask report(String agentName, UUID taskId, TaskReport report) {
        UUID dsourceId = agents.dsourceOfTask(taskId).orElseThrow(() -> ProblemException.notFound("agent task", taskId));
        DSource d = dsources.lock(dsourceId).orElseThrow(() -> ProblemException.notFound("dsource", dsourceId));
        AgentTask task = agents.lockTask(taskId).orElseThrow();
        if (!agentName.equals(task.agentName())) {
            throw ProblemException.of(StagingProblem.TASK_NOT_HELD,
                            "task " + taskId + " is not held by agent " + agentName)
                    .with("taskId", taskId.toString());
        }
        if (task.state().terminal()) {
            return task;
        }
        Instant now = clock.instant();
        List<String> files = report.files() == null ? List.of() : report.files().stream().map(String::trim).toList();
        AttachRules.Verdict verdict = AttachRules.judge(report.attached(), report.reason(), d.mount(),
                task.fileNames(), files);
        task.ended(verdict.attached() ? AgentTask.State.SUCCEEDED : AgentTask.State.FAILED, verdict.reason(), files,
                verdict.filesOutside(), now);
        record(d, verdict.attached(), verdict.reason(), now);
        if (verdict.attached()) {
            d.filesSeen(files);
        }
        LOG.infof("agent %s: attach of staging database %s of dSource %s %s%s", agentName, task.databaseName(),
                d.name(), verdict.attached() ? "succeeded" : "failed", verdict.attached() ? "" : ": " + verdict.reason());
        return task;
    }

    /**
     * Waits for an attach task to end, at most {@code timeout}; a task still open then expires.
     * Called outside any transaction (each look is its own).
     */
    public AgentTask awaitEnd(UUID taskId, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        while (clock.instant().isBefore(deadline)) {
            AgentTask t = QuarkusTransaction.requiringNew().call(() -> agents.task(taskId).orElseThrow());
            if (t.state().terminal()) {
                return t;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            expire(taskId, "no report within " + timeout.toSeconds() + " s");
            return agents.task(taskId).orElseThrow();
        });
    }

    private void expire(UUID taskId, String why) {
        UUID dsourceId = agents.dsourceOfTask(taskId).orElseThrow();
        DSource d = dsources.lock(dsourceId).orElse(null);
        AgentTask task = agents.lockTask(taskId).orElseThrow();
        if (task.state().terminal()) {
            return;
        }
        Instant now = clock.instant();
        String reason = (task.agentName() == null ? "no agent took the attach" : "agent " + task.agentName()
                + " did not finish the attach") + ": " + why;
        task.ended(AgentTask.State.EXPIRED, reason, null, null, now);
        if (d != null) {
            record(d, false, reason, now);
        }
        LOG.warnf("attach task %s of dSource %s expired: %s", taskId, dsourceId, reason);
    }

    private void record(DSource d, boolean attached, String reason, Instant now) {
        d.attachReported(attached ? DSource.AttachStatus.ATTACHED : DSource.AttachStatus.FAILED, reason, now);
        faults.observe(d.id(), FaultService.ATTACH_FAILED, !attached,
                "attaching staging database " + d.stagingDatabaseName() + " failed: " + reason);
    }

    private Agent agent(String name) {
        return agents.find(name).orElseThrow(() -> new ProblemException(StagingProblem.AGENT_NOT_REGISTERED,
                "no agent named " + name + " is registered: register it first (PUT /api/v1/agents/"
                        + name + ")", List.of(new Problem.FieldError("name", "is not a registered agent")), Map.of()));
    }
}
