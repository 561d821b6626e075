package io.timeflow.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timeflow.agent.SuiteClient.Answer;
import io.timeflow.agent.SuiteClient.Service;
import io.timeflow.agent.sql.DatabaseRow;
import io.timeflow.agent.sql.FileRow;
import io.timeflow.agent.sql.RestoreRow;
import io.timeflow.agent.sql.SqlServer;
import io.timeflow.agent.sql.SqlServerException;
import io.timeflow.agent.sql.SqlServerQueries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The staging-host agent (ADR 0100). It registers its environment with staging-service, then:
 * <ul>
 *   <li>takes attach tasks (after a link, an attach, an enable) and attaches or creates the staging
 *       database on its mount, reporting the outcome and the files;</li>
 *   <li>takes the hooks of SnapSyncs from snapshot-service under a lease it renews, runs them with the
 *       dSource's variables, and reports their exit code and output; after a pre-sync hook it reads msdb at
 *       once, so the restore the hook made is reported before the SnapSync decides;</li>
 *   <li>every watch interval, observes each attached dSource's staging database (sys.databases,
 *       sys.master_files, whether DATA is mounted) and reports the restores msdb recorded since the last one
 *       it handled (restorehistory joined to backupset: also those made by hand), with restore ids derived
 *       from msdb's, so that a report sent twice is recognised.</li>
 * </ul>
 * Every report goes through the on-disk {@link ReportQueue}.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Agent.class.getName());

    private final AgentConfig config;
    private final SqlServer sql;
    private final SuiteClient client;
    private final ReportQueue reports;
    private final AgentState state;
    private final HookRunner hooks;
    private final Map<String, JsonNode> served = new ConcurrentHashMap<>();
    private final Map<String, String> lastObservation = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastObservationAt = new ConcurrentHashMap<>();
    private final Set<String> hooksRunning = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<Thread> hookThread = new AtomicReference<>();
    private final AtomicBoolean currentHookStop = new AtomicBoolean();
    private final List<Thread> loops = new ArrayList<>();
    private volatile String environmentId;
    private volatile ZoneId zone;

    public Agent(AgentConfig config, SqlServer sql) {
        this.config = config;
        this.sql = sql;
        this.client = new SuiteClient(config.stagingUrl(), config.snapshotUrl(), config.credential());
        this.reports = new ReportQueue(config.stateDir().resolve("reports"), client);
        this.state = new AgentState(config.stateDir());
        this.hooks = new HookRunner(config.stateDir().resolve("hooks"), config.outputLines(), config.hookTimeout());
        this.zone = ZoneId.of(config.timeZone());
    }

    /** Registers (retrying until staging-service answers), settles a hook a previous run left, starts the loops. */
    public void start() throws InterruptedException {
        settleOrphanedHook();
        register();
        loops.add(loop("agent-work", config.pollInterval(), this::workRound));
        loops.add(loop("agent-watch", config.watchInterval(), this::watchRound));
        loops.add(loop("agent-reports", Duration.ofSeconds(1), reports::flush));
        LOG.info(() -> "agent " + config.name() + " serves environment " + config.environmentName() + " ("
                + environmentId + ") with " + sql.describe());
    }

    @Override
    public void close() {
        stopping.set(true);
        currentHookStop.set(true);
        loops.forEach(Thread::interrupt);
        Thread h = hookThread.get();
        for (Thread t : loops) {
            join(t);
        }
        if (h != null) {
            join(h);
        }
        reports.flush();
        sql.close();
    }

    // ---- registration

    void register() throws InterruptedException {
        ObjectNode body = SuiteClient.JSON.createObjectNode();
        body.putObject("environment").put("name", config.environmentName()).put("host", config.host())
                .put("osType", config.osType()).put("timeZone", config.timeZone())
                .put("connectorPath", config.connectorPath());
        ArrayNode instances = body.putArray("instances");
        config.instances().keySet().forEach(i -> instances.addObject().put("name", i));
        body.put("version", Main.version());
        ArrayNode shells = body.putArray("shells");
        HookRunner.shells().forEach(shells::add);
        long backoff = 1_000;
        while (!stopping.get()) {
            try {
                Answer a = client.call(Service.STAGING, "PUT", "/api/v1/agents/" + config.name(), body);
                if (a.ok()) {
                    environmentId = a.body().path("environmentId").asText();
                    zone = ZoneId.of(a.body().path("timeZone").asText(config.timeZone()));
                    return;
                }
                if (a.status() < 500 && a.status() != 429) {
                    throw new IllegalStateException("staging-service refused the registration: " + a.status() + " "
                            + a.code() + " " + a.detail());
                }
                LOG.warning("registration: " + a.status() + " " + a.code() + "; trying again");
            } catch (IOException e) {
                LOG.warning("staging-service cannot be reached (" + e.getMessage() + "); trying again");
            }
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, 15_000);
        }
    }

    // ---- the work loop: attach tasks, then hooks

    void workRound() throws Exception {
        Answer task = client.call(Service.STAGING, "POST", "/api/v1/agents/" + config.name() + "/tasks/claim", null);
        if (task.status() == 404 && "AGENT_NOT_REGISTERED".equals(task.code())) {
            register();
            return;
        }
        if (task.status() == 200) {
            attach(task.body());
        }
        Thread running = hookThread.get();
        if (running != null && running.isAlive()) {
            return;
        }
        ObjectNode claim = SuiteClient.JSON.createObjectNode().put("agent", config.name())
                .put("leaseSeconds", Math.max(5, config.lease().toSeconds()));
        claim.putArray("environmentIds").add(environmentId);
        Answer run = client.call(Service.SNAPSHOT, "POST", "/api/v1/snapsync/hook-runs/claim", claim);
        if (run.status() == 200) {
            JsonNode r = run.body();
            Thread t = new Thread(() -> runHook(r), "agent-hook-" + r.path("jobId").asText());
            t.setDaemon(true);
            hookThread.set(t);
            t.start();
        }
    }

    /** Attaches (or creates) a dSource's staging database on its mount and reports how it went. */
    void attach(JsonNode task) throws Exception {
        String taskId = task.path("id").asText();
        String dsourceId = task.path("dsourceId").asText();
        JsonNode d = servedDsource(dsourceId);
        String instance = d == null ? null : d.path("repositoryName").asText(null);
        String mount = task.path("mountBase").asText();
        List<String> fileNames = new ArrayList<>();
        task.path("fileNames").forEach(n -> fileNames.add(n.asText()));
        ObjectNode report = SuiteClient.JSON.createObjectNode();
        String failure = null;
        SqlServer.AttachOutcome outcome = null;
        if (instance == null || !config.instances().containsKey(instance)) {
            failure = "this agent serves no SQL Server instance named " + instance;
        } else {
            failure = mount(mount);
            if (failure == null) {
                try {
                    outcome = sql.attach(instance, new SqlServer.AttachRequest(task.path("databaseName").asText(), mount,
                            config.separator(), task.path("databaseStateMode").asText(), fileNames));
                } catch (SqlServerException e) {
                    failure = e.getMessage();
                }
            }
        }
        if (outcome != null) {
            report.put("status", outcome.attached() ? "ATTACHED" : "FAILED");
            if (outcome.reason() != null) {
                report.put("reason", outcome.reason());
            }
            ArrayNode files = report.putArray("files");
            outcome.files().forEach(files::add);
        } else {
            report.put("status", "FAILED").put("reason", failure);
        }
        String what = "attach of " + task.path("databaseName").asText() + " (task " + taskId + "): "
                + report.path("status").asText();
        LOG.info(what + (report.has("reason") ? " - " + report.path("reason").asText() : ""));
        reports.add(Service.STAGING, "POST", "/api/v1/agents/" + config.name() + "/tasks/" + taskId + "/report", report,
                what, null);
        reports.flush();
        if (d != null) {
            lastObservation.remove(dsourceId);
            refreshServed();
            JsonNode fresh = servedDsource(dsourceId);
            if (fresh != null && fresh.path("attached").asBoolean()) {
                observe(fresh);
            }
        }
    }

    /**
     * The DATA directory of a mount: in the stand-in mode the agent makes it (it is the local stand-in for
     * the engine's storage); on a real host it checks it is there. Null when mounted, else why not.
     */
    String mount(String mountBase) {
        Path db = Path.of(mountBase);
        Path data = db.getParent();
        if (config.standInMode()) {
            try {
                Files.createDirectories(db);
                return null;
            } catch (IOException e) {
                return "cannot make the mount's directory " + db + ": " + e.getMessage();
            }
        }
        return data != null && Files.isDirectory(data) ? null
                : "the DATA directory " + data + " is not mounted on this host";
    }

    boolean dataMounted(String mountBase) {
        Path data = Path.of(mountBase).getParent();
        return data != null && Files.isDirectory(data);
    }

    // ---- hooks

    void runHook(JsonNode run) {
        String jobId = run.path("jobId").asText();
        String leaseId = run.path("leaseId").asText();
        String phase = run.path("phase").asText();
        String dsourceId = run.path("dsourceId").asText();
        currentHookStop.set(false);
        hooksRunning.add(dsourceId);
        AtomicBoolean leaseLost = new AtomicBoolean();
        Thread renewer = new Thread(() -> renewLease(jobId, leaseId, leaseLost), "agent-lease-" + jobId);
        renewer.setDaemon(true);
        renewer.start();
        try {
            JsonNode d = servedDsource(dsourceId);
            Answer hookList = client.call(Service.STAGING, "GET", "/api/v1/dsources/" + dsourceId + "/hooks", null);
            List<JsonNode> toRun = new ArrayList<>();
            if (hookList.ok()) {
                hookList.body().forEach(h -> {
                    if (phase.equals(h.path("phase").asText())) {
                        toRun.add(h);
                    }
                });
            }
            List<String> output = new ArrayList<>();
            HookRunner.Result last = null;
            long total = 0;
            Map<String, String> env = hookEnvironment(run, d);
            Redactor redactor = new Redactor(List.of(config.credential(), Objects.toString(config.sqlPassword(), "")), env);
            if (!hookList.ok()) {
                output.add("[timeflow-agent] staging-service did not give the hooks (" + hookList.status() + " "
                        + hookList.code() + ")");
                last = new HookRunner.Result(null, 1, false, 0, List.of(), 0);
            }
            for (JsonNode h : toRun) {
                String name = h.path("name").asText();
                String shell = h.path("shell").asText("BASH");
                output.add("[timeflow-agent] " + phase + " hook '" + name + "' (" + shell + ") on " + config.name());
                HookRunner.Result r = hooks.run(name, shell, h.path("command").asText(), env, redactor,
                        p -> state.hookStarted(jobId, leaseId, p.pid(), HookRunner.startOf(p)),
                        currentHookStop);
                total += r.durationMs();
                if (r.linesDropped() > 0) {
                    output.add("[timeflow-agent] " + r.linesDropped() + " earlier lines not kept");
                }
                output.addAll(r.output());
                last = r;
                if (r.exitCode() == null || r.exitCode() != 0) {
                    break;
                }
            }
            if (leaseLost.get() || stopping.get()) {
                LOG.warning("hook of SnapSync " + jobId + " stopped: " + (leaseLost.get() ? "its lease was lost"
                        : "the agent is stopping"));
                if (stopping.get() && !leaseLost.get()) {
                    report(jobId, leaseId, last == null ? null : last.hookName(), null, false, total,
                            List.of("[timeflow-agent] the agent stopped while the hook ran; it was stopped"), null);
                }
                return;
            }
            if (toRun.isEmpty() && hookList.ok()) {
                output.add("[timeflow-agent] the dSource has no " + phase + " hook any more; nothing to run");
            }
            boolean ok = last == null || (last.exitCode() != null && last.exitCode() == 0 && !last.timedOut());
            String lastRestoreId = null;
            if (ok && "PRE_SYNC".equals(phase) && d != null) {
                // what the hook restored is in msdb now: report it before the SnapSync decides
                hooksRunning.remove(dsourceId);
                JsonNode fresh = refreshServed().getOrDefault(dsourceId, d);
                watch(fresh);
                reports.flush();
                JsonNode after = refreshServed().get(dsourceId);
                lastRestoreId = after == null ? null : after.path("lastRestoreId").asText(null);
            }
            report(jobId, leaseId, last == null ? null : last.hookName(), last == null ? Integer.valueOf(0)
                    : last.exitCode(), last != null && last.timedOut(), total, output, lastRestoreId);
        } catch (Exception e) {
            LOG.warning("running the hook of SnapSync " + jobId + " failed: " + e);
            report(jobId, leaseId, null, null, false, 0, List.of("[timeflow-agent] the agent could not run the hook: "
                    + e.getMessage()), null);
        } finally {
            hooksRunning.remove(dsourceId);
            renewer.interrupt();
            state.hookEnded();
        }
    }

    private void report(String jobId, String leaseId, String hookName, Integer exitCode, boolean timedOut, long ms,
            List<String> output, String lastRestoreId) {
        ObjectNode body = SuiteClient.JSON.createObjectNode().put("leaseId", leaseId).put("timedOut", timedOut)
                .put("durationMs", ms);
        if (hookName != null) {
            body.put("hookName", hookName);
        }
        if (exitCode != null) {
            body.put("exitCode", exitCode);
        }
        if (lastRestoreId != null) {
            body.put("lastRestoreId", lastRestoreId);
        }
        ArrayNode lines = body.putArray("output");
        int from = Math.max(0, output.size() - config.outputLines());
        output.subList(from, output.size()).forEach(l -> lines.add(l.length() > 4000 ? l.substring(0, 4000) : l));
        String what = "hook report of SnapSync " + jobId + " (exit " + exitCode + (timedOut ? ", timed out" : "") + ")";
        LOG.info(what);
        reports.add(Service.SNAPSHOT, "POST", "/api/v1/snapsync/hook-runs/" + jobId + "/report", body, what, null);
        reports.flush();
    }

    private void renewLease(String jobId, String leaseId, AtomicBoolean lost) {
        long every = Math.max(1_000, config.lease().toMillis() / 3);
        ObjectNode body = SuiteClient.JSON.createObjectNode().put("leaseId", leaseId)
                .put("leaseSeconds", Math.max(5, config.lease().toSeconds()));
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(every);
                Answer a = client.call(Service.SNAPSHOT, "POST", "/api/v1/snapsync/hook-runs/" + jobId + "/lease", body);
                if (a.status() == 409 || a.status() == 404) {
                    LOG.warning("the lease on the hook of SnapSync " + jobId + " is gone (" + a.code()
                            + "): stopping the hook");
                    lost.set(true);
                    currentHookStop.set(true);
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                LOG.warning("cannot renew the lease of SnapSync " + jobId + ": " + e.getMessage());
            }
        }
    }

    Map<String, String> hookEnvironment(JsonNode run, JsonNode d) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("TIMEFLOW_AGENT_") || k.equals("TIMEFLOW_STAGING_URL")
                || k.equals("TIMEFLOW_SNAPSHOT_URL"));
        // the variables of the staging-push sample hooks, and Timeflow's own
        env.put("STAGING_MOUNT_BASE", run.path("mountBase").asText());
        env.put("STAGING_DB", run.path("stagingDatabaseName").asText());
        env.put("DSOURCE_ID", run.path("dsourceId").asText());
        env.put("TIMEFLOW_URL", config.stagingUrl().toString());
        env.put("TIMEFLOW_AGENT_TOKEN", config.credential());
        env.put("TIMEFLOW_DSOURCE_NAME", run.path("dsourceName").asText());
        env.put("TIMEFLOW_SNAPSYNC_ID", run.path("jobId").asText());
        env.put("TIMEFLOW_SNAPSYNC_TRIGGER", run.path("trigger").asText());
        env.put("TIMEFLOW_HOOK_PHASE", run.path("phase").asText());
        if (d != null) {
            env.put("TIMEFLOW_INSTANCE", d.path("repositoryName").asText());
        }
        if (config.standInMode()) {
            env.put("TIMEFLOW_STAND_IN", config.standIn().toAbsolutePath().toString());
        }
        env.put("TIMEFLOW_AGENT_COMMAND", Main.selfCommand());
        return env;
    }

    // ---- watching

    void watchRound() throws Exception {
        for (JsonNode d : refreshServed().values()) {
            if (d.path("attached").asBoolean() && !hooksRunning.contains(d.path("id").asText())) {
                watch(d);
            }
        }
    }

    /** One look at a dSource's staging database: its state, files and mount, then the restores msdb recorded. */
    void watch(JsonNode d) {
        try {
            observe(d);
            restores(d);
        } catch (SqlServerException e) {
            LOG.warning("watching dSource " + d.path("name").asText() + ": " + e.getMessage());
        }
    }

    void observe(JsonNode d) throws SqlServerException {
        String id = d.path("id").asText();
        String instance = d.path("repositoryName").asText();
        if (!config.instances().containsKey(instance)) {
            return;
        }
        String db = d.path("stagingDatabaseName").asText();
        java.util.Optional<DatabaseRow> row = sql.database(instance, db);
        List<String> files = row.isEmpty() ? List.of() : sql.files(instance, db).stream().map(FileRow::physicalName).toList();
        String stateName = row.map(DatabaseRow::timeflowState).orElse("MISSING");
        boolean mounted = dataMounted(d.path("mountBase").asText());
        String fingerprint = stateName + "|" + mounted + "|" + files;
        Instant last = lastObservationAt.get(id);
        if (fingerprint.equals(lastObservation.get(id)) && last != null
                && last.isAfter(Instant.now().minus(Duration.ofMinutes(5)))) {
            return;
        }
        ObjectNode body = SuiteClient.JSON.createObjectNode().put("state", stateName).put("dataMounted", mounted)
                .put("observedAt", Instant.now().toString());
        ArrayNode list = body.putArray("files");
        files.forEach(list::add);
        reports.add(Service.STAGING, "PUT", "/api/v1/dsources/" + id + "/staging-database", body,
                "observation of " + db + ": " + stateName + (mounted ? "" : ", DATA not mounted"), "observe:" + id);
        lastObservation.put(id, fingerprint);
        lastObservationAt.put(id, Instant.now());
    }

    /**
     * Reports the restores msdb recorded into the dSource's staging database since the last one handled:
     * started then completed, with an id derived from msdb's restore_history_id. A restore the dSource
     * already has as its last one (a hook reported it itself) is not reported again.
     */
    void restores(JsonNode d) throws SqlServerException {
        String id = d.path("id").asText();
        String instance = d.path("repositoryName").asText();
        String db = d.path("stagingDatabaseName").asText();
        int watermark = state.watermark(id);
        LocalDateTime linkedLocal = LocalDateTime.ofInstant(Instant.parse(d.path("linkedAt").asText()), zone)
                .withNano(0);
        List<RestoreRow> rows = sql.restoresInto(instance, db, watermark);
        JsonNode lastKnown = d.path("lastRestore");
        for (RestoreRow r : rows) {
            String type = r.timeflowType();
            boolean before = r.restoreDate() != null && r.restoreDate().isBefore(linkedLocal);
            boolean known = lastKnown.isObject() && Objects.equals(type, lastKnown.path("type").asText(null))
                    && Objects.equals(SqlServerQueries.lsn(r.firstLsn()), lastKnown.path("firstLsn").asText(null))
                    && Objects.equals(SqlServerQueries.lsn(r.lastLsn()), lastKnown.path("lastLsn").asText(null));
            if (type == null || before || known || "V".equals(r.restoreType())) {
                state.watermark(id, r.restoreHistoryId());
                continue;
            }
            String restoreId = restoreId(id, instance, r.restoreHistoryId());
            Instant at = r.restoreDate() == null ? Instant.now() : r.restoreDate().atZone(zone).toInstant();
            ObjectNode set = SuiteClient.JSON.createObjectNode().put("type", type)
                    .put("sourceReadOnly", Boolean.TRUE.equals(r.readOnly()));
            put(set, "backupFileLocation", r.physicalDeviceName());
            put(set, "firstLsn", SqlServerQueries.lsn(r.firstLsn()));
            put(set, "lastLsn", SqlServerQueries.lsn(r.lastLsn()));
            put(set, "checkpointLsn", SqlServerQueries.lsn(r.checkpointLsn()));
            put(set, "databaseBackupLsn", SqlServerQueries.lsn(r.databaseBackupLsn()));
            put(set, "recoveryForkGuid", r.lastRecoveryForkGuid());
            Instant started = r.utc(r.backupStartDate());
            Instant finished = r.utc(r.backupFinishDate());
            put(set, "backupStartedAt", started == null ? null : started.toString());
            put(set, "backupFinishedAt", finished == null ? null : finished.toString());
            ObjectNode start = SuiteClient.JSON.createObjectNode().put("restoreId", restoreId)
                    .put("replace", Boolean.TRUE.equals(r.replace())).put("norecovery", Boolean.FALSE.equals(r.recovery()))
                    .put("startedAt", at.toString());
            start.set("backupSet", set);
            List<String> files = sql.files(instance, db).stream().map(FileRow::physicalName).toList();
            String what = type + " restore #" + r.restoreHistoryId() + " into " + db + " (restore " + restoreId + ")";
            reports.add(Service.STAGING, "POST", "/api/v1/dsources/" + id + "/restores", start, what + " started", null);
            List<String> outside = outsideMount(d.path("mountBase").asText(), files);
            if (outside.isEmpty()) {
                ObjectNode complete = SuiteClient.JSON.createObjectNode().put("finishedAt", at.toString());
                ArrayNode fl = complete.putArray("files");
                files.forEach(fl::add);
                reports.add(Service.STAGING, "POST", "/api/v1/dsources/" + id + "/restores/" + restoreId + "/complete",
                        complete, what + " completed", null);
            } else {
                // restored WITH MOVE into a folder of the mount: staging push does not support it
                ObjectNode fail = SuiteClient.JSON.createObjectNode().put("failedAt", at.toString()).put("reason",
                        "the restore put database files outside the mount's DB directory (sub-directories are not "
                                + "supported): " + outside);
                reports.add(Service.STAGING, "POST", "/api/v1/dsources/" + id + "/restores/" + restoreId + "/fail",
                        fail, what + " failed (files in a sub-directory)", null);
            }
            state.watermark(id, r.restoreHistoryId());
            LOG.info("learned from msdb: " + what);
        }
        if (!rows.isEmpty()) {
            reports.flush();
        }
    }

    /** The files that do not lie directly in the mount's DB directory. */
    List<String> outsideMount(String mountBase, List<String> files) {
        boolean windows = "WINDOWS".equals(config.osType());
        String dir = windows ? mountBase.replace('/', '\\').toLowerCase(java.util.Locale.ROOT) : mountBase;
        List<String> outside = new ArrayList<>();
        for (String f : files) {
            String p = windows ? f.replace('/', '\\').toLowerCase(java.util.Locale.ROOT) : f;
            int cut = p.lastIndexOf(config.separator());
            if (cut < 0 || !p.substring(0, cut).equals(dir)) {
                outside.add(f);
            }
        }
        return outside;
    }

    /** The restore id of an msdb restore: the same for the same row, whoever reports it and however often. */
    static String restoreId(String dsourceId, String instance, int restoreHistoryId) {
        return UUID.nameUUIDFromBytes(("timeflow-agent|" + dsourceId + "|" + instance + "|" + restoreHistoryId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- helpers

    Map<String, JsonNode> refreshServed() throws IOException, InterruptedException {
        Answer a = client.call(Service.STAGING, "GET", "/api/v1/agents/" + config.name() + "/dsources", null);
        if (a.status() == 404 && "AGENT_NOT_REGISTERED".equals(a.code())) {
            register();
            return Map.copyOf(served);
        }
        if (a.ok()) {
            Map<String, JsonNode> fresh = new HashMap<>();
            a.body().forEach(d -> fresh.put(d.path("id").asText(), d));
            served.keySet().retainAll(fresh.keySet());
            served.putAll(fresh);
        }
        return Map.copyOf(served);
    }

    private JsonNode servedDsource(String id) throws IOException, InterruptedException {
        JsonNode d = served.get(id);
        return d != null ? d : refreshServed().get(id);
    }

    /** A hook a previous run of the agent left behind (it was killed): stop it, and tell its SnapSync. */
    void settleOrphanedHook() {
        JsonNode h = state.hook();
        if (!h.isObject()) {
            return;
        }
        long pid = h.path("pid").asLong();
        ProcessHandle.of(pid).filter(p -> HookRunner.startOf(p).equals(h.path("pidStart").asText()))
                .ifPresent(p -> {
                    LOG.warning("stopping hook process " + pid + " left by the previous run of the agent");
                    HookRunner.kill(p);
                });
        report(h.path("jobId").asText(), h.path("leaseId").asText(), null, null, false, 0,
                List.of("[timeflow-agent] the agent stopped while this hook ran (process " + pid + "); the hook was "
                        + "stopped when the agent started again, and its outcome is unknown"), null);
        state.hookEnded();
    }

    private Thread loop(String name, Duration every, Step step) {
        Thread t = new Thread(() -> {
            while (!stopping.get()) {
                try {
                    step.run();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    LOG.fine(() -> name + ": " + e.getMessage());
                } catch (Exception e) {
                    LOG.warning(name + ": " + e);
                }
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
