package io.timeflow.e2e;

import static io.timeflow.e2e.StoryFailure.expect;

import io.timeflow.client.snapshot.api.SnapSyncApi;
import io.timeflow.client.snapshot.api.SnapshotsApi;
import io.timeflow.client.snapshot.model.JobStep;
import io.timeflow.client.snapshot.model.SnapSyncJob;
import io.timeflow.client.snapshot.model.SnapSyncRequest;
import io.timeflow.client.snapshot.model.Snapshot;
import io.timeflow.client.staging.api.AgentsApi;
import io.timeflow.client.staging.api.DSourcesApi;
import io.timeflow.client.staging.model.Agent;
import io.timeflow.client.staging.model.DSource;
import io.timeflow.client.staging.model.DSourceRequest;
import io.timeflow.client.staging.model.DatabaseStateMode;
import io.timeflow.client.staging.model.HookPhase;
import io.timeflow.client.staging.model.HookRequest;
import io.timeflow.client.staging.model.HookShell;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The staging-host agent's chapter of the story, through the generated clients: a dSource is linked
 * on the agent's environment with a bash pre-sync hook; the agent creates its staging database, runs
 * the hook at link (it restores a FULL backup, which the agent learns from msdb) so the first
 * snapshot holds that backup; then a SnapSync runs the hook again (it writes a marker, restores a LOG
 * backup and reports it itself), the hook's output is in the SnapSync's step PRE_SYNC_HOOK, and the
 * snapshot is of that LOG backup, reported once. {@code ./timeflow demo} (with {@code ./timeflow up
 * --agent}) and {@code AgentIT} tell it.
 */
public final class AgentStory {

    /** The agent {@code ./timeflow up --agent} starts. */
    public static final String LOCAL_AGENT = "local-agent";

    /**
     * The pre-sync hook: it writes a marker beside the mount's DB directory, waits while a "hold" file
     * is there (so a test can stop the agent mid-hook), then restores: at link a FULL backup (with the
     * stand-in's RESTORE, learned by the agent from msdb), later a LOG backup it restores and reports
     * itself, as the staging-push sample hooks do.
     */
    public static final String HOOK = """
            set -euo pipefail
            data="$(dirname "$STAGING_MOUNT_BASE")"
            echo "pre-sync hook of $STAGING_DB (SnapSync $TIMEFLOW_SNAPSYNC_ID, trigger $TIMEFLOW_SNAPSYNC_TRIGGER)"
            echo "marker $TIMEFLOW_SNAPSYNC_ID" >> "$data/pre-sync-marker"
            echo "wrote the marker $data/pre-sync-marker"
            while [ -f "$data/hold-pre-sync" ]; do sleep 0.2; done
            if [ "$TIMEFLOW_SNAPSYNC_TRIGGER" = LINK ]; then
              eval "$TIMEFLOW_AGENT_COMMAND" standin restore --type FULL --first-lsn 1000 --last-lsn 2000 \\
                --checkpoint-lsn 1500 --replace --backup-file /backups/sales_full.bak
              echo 2000 > "$data/last-lsn"
              exit 0
            fi
            first=$(cat "$data/last-lsn"); last=$((first + 500))
            api="$TIMEFLOW_URL/api/v1/dsources/$DSOURCE_ID/restores"
            rid=$(cat /proc/sys/kernel/random/uuid)
            set_json="{\\"type\\": \\"LOG\\", \\"firstLsn\\": \\"$first\\", \\"lastLsn\\": \\"$last\\", \\"sourceReadOnly\\": false,
              \\"recoveryForkGuid\\": \\"6d5c4b3a-2f1e-4d0c-9b8a-7a6b5c4d3e2f\\", \\"backupFileLocation\\": \\"/backups/sales_log_$last.trn\\"}"
            curl -sSf -o /dev/null -X POST -H "Authorization: Bearer $TIMEFLOW_AGENT_TOKEN" -H 'Content-Type: application/json' \\
              "$api" -d "{\\"restoreId\\": \\"$rid\\", \\"backupSet\\": $set_json, \\"replace\\": false, \\"norecovery\\": true}"
            eval "$TIMEFLOW_AGENT_COMMAND" standin restore --type LOG --first-lsn "$first" --last-lsn "$last" \\
              --backup-file "/backups/sales_log_$last.trn"
            curl -sSf -o /dev/null -X POST -H "Authorization: Bearer $TIMEFLOW_AGENT_TOKEN" -H 'Content-Type: application/json' \\
              "$api/$rid/complete" -d "{\\"files\\": [\\"$STAGING_MOUNT_BASE/$STAGING_DB.mdf\\", \\"$STAGING_MOUNT_BASE/${STAGING_DB}_log.ldf\\"]}"
            echo "$last" > "$data/last-lsn"
            echo "restored and reported LOG backup $first to $last (restore $rid)"
            """;

    static final Duration ASYNC = Duration.ofSeconds(120);

    /** What the chapter leaves behind. */
    public record Ending(Agent agent, UUID dsourceId, String mountBase, UUID firstSnapshotId, SnapSyncJob snapSync,
            Snapshot snapshot, long restores) {
    }

    private final Story.Narrator say;
    private final String agentName;
    final AgentsApi agents;
    final DSourcesApi dsources;
    final SnapSyncApi snapsync;
    final SnapshotsApi snapshots;
    final io.timeflow.client.staging.api.RestoresApi restores;

    public AgentStory(Endpoints endpoints, Story.Narrator narrator, String agentName) {
        this.say = narrator;
        this.agentName = agentName;
        var staging = endpoints.stagingClient();
        this.agents = new AgentsApi(staging);
        this.dsources = new DSourcesApi(staging);
        this.restores = new io.timeflow.client.staging.api.RestoresApi(staging);
        var snapshot = endpoints.snapshotClient();
        this.snapsync = new SnapSyncApi(snapshot);
        this.snapshots = new SnapshotsApi(snapshot);
    }

    /** The agent, once it asks for work. */
    public Agent awaitAgent(Duration within) throws Exception {
        return Poll.until("agent " + agentName + " to run", within, () -> agents.listAgents().stream()
                .filter(a -> agentName.equals(a.getName())).findFirst().orElse(null),
                a -> a != null && Boolean.TRUE.equals(a.getAlive()));
    }

    /** Whether the agent runs (for the demo, which tells this chapter only then). */
    public boolean agentRunning() {
        try {
            return agents.listAgents().stream().anyMatch(a -> agentName.equals(a.getName())
                    && Boolean.TRUE.equals(a.getAlive()));
        } catch (Exception e) {
            return false;
        }
    }

    public Ending tell() throws Exception {
        say.step("The staging-host agent " + agentName + " runs and has registered its environment");
        Agent agent = awaitAgent(ASYNC);
        say.answer("staging", "agent " + agent.getName() + " serves environment " + agent.getEnvironmentName() + " ("
                + agent.getOsType() + ", " + agent.getTimeZone() + "), shells " + agent.getShells());

        say.step("Link a dSource on the agent's environment with a bash pre-sync hook");
        DSource ds = link(agent, "sales-" + UUID.randomUUID().toString().substring(0, 8), DatabaseStateMode.RESTORING,
                HOOK);
        say.answer("staging", "dSource " + ds.getId() + ", mount base " + ds.getMountBase());

        say.step("At link the agent creates the staging database and runs the hook: the first snapshot is of the "
                + "backup it restored");
        Snapshot first = awaitFirstSnapshot(ds.getId());
        expect(!Boolean.TRUE.equals(first.getEmptyDatabase()) && first.getBackupSet() != null
                        && "FULL".equals(String.valueOf(first.getBackupSet().getType())),
                "the first snapshot to hold the FULL backup the hook restored", first);
        SnapSyncJob link = snapsync.getSnapSync(first.getSnapSyncJobId());
        say.answer("snapshot", "first snapshot " + first.getId() + " holds the " + first.getBackupSet().getType()
                + " backup ending at LSN " + first.getBackupSet().getLastLsn());
        printHook(link);

        say.step("SnapSync: the agent runs the pre-sync hook first; its output is in the job's steps");
        long before = dsources.getDSource(ds.getId()).getRestoreCount();
        SnapSyncJob job = awaitJob(snapsync.requestSnapSync(new SnapSyncRequest().dsourceId(ds.getId())));
        expect(job.getState() == SnapSyncJob.StateEnum.SUCCEEDED, "the SnapSync to succeed", job);
        JobStep hook = step(job, "PRE_SYNC_HOOK");
        expect(hook.getOutput() != null && hook.getOutput().stream().anyMatch(l -> l.startsWith("wrote the marker")),
                "the hook's output in the step PRE_SYNC_HOOK", hook);
        Snapshot snap = snapshots.getSnapshot(job.getSnapshotId());
        expect(snap.getBackupSet() != null && "LOG".equals(String.valueOf(snap.getBackupSet().getType()))
                && "2500".equals(snap.getBackupSet().getLastLsn()), "the snapshot of the LOG backup the hook restored",
                snap.getBackupSet());
        long after = Poll.until("the agent's watch to have run", Duration.ofSeconds(20),
                () -> dsources.getDSource(ds.getId()).getRestoreCount(), n -> n >= before + 1);
        expect(after == before + 1, "the hook's restore reported once (by the hook; the agent saw it in msdb and did "
                + "not report it again)", after);
        printHook(job);
        say.answer("snapshot", "SnapSync " + job.getState() + ": snapshot " + snap.getId() + " of the LOG backup "
                + snap.getBackupSet().getFirstLsn() + " to " + snap.getBackupSet().getLastLsn() + "; restores "
                + before + " -> " + after);
        return new Ending(agent, ds.getId(), ds.getMountBase(), first.getId(), job, snap, after);
    }

    /** Links a dSource on the agent's environment, with a bash pre-sync hook when {@code hook} is given. */
    public DSource link(Agent agent, String name, DatabaseStateMode mode, String hook) throws Exception {
        DSourceRequest request = new DSourceRequest().name(name).stagingDatabaseName(name.replace('-', '_'))
                .databaseStateMode(mode).environmentId(agent.getEnvironmentId())
                .repositoryId(agent.getInstances().get(0).getId()).notes("linked by the agent's story");
        if (hook != null) {
            request.hooks(List.of(new HookRequest().phase(HookPhase.PRE_SYNC).name("restore-latest")
                    .shell(HookShell.BASH).command(hook)));
        }
        return dsources.linkDSource(request);
    }

    Snapshot awaitFirstSnapshot(UUID dsId) throws Exception {
        return Poll.until("the first snapshot of the dSource", ASYNC, () -> snapshots.listSnapshots(dsId, 10, 0, null),
                p -> p.getTotal() >= 1).getItems().get(0);
    }

    SnapSyncJob awaitJob(SnapSyncJob job) throws Exception {
        return Poll.until("SnapSync job " + job.getId() + " to end", Duration.ofMinutes(3),
                () -> snapsync.getSnapSync(job.getId()),
                j -> j.getState() != SnapSyncJob.StateEnum.PENDING && j.getState() != SnapSyncJob.StateEnum.RUNNING);
    }

    static JobStep step(SnapSyncJob job, String name) {
        return job.getSteps().stream().filter(s -> name.equals(s.getName())).findFirst()
                .orElseThrow(() -> new StoryFailure("no step " + name + " in SnapSync " + job.getId()));
    }

    private void printHook(SnapSyncJob job) {
        JobStep hook = step(job, "PRE_SYNC_HOOK");
        say.answer("snapshot", "SnapSync " + job.getId() + " (" + job.getTrigger() + ") step PRE_SYNC_HOOK "
                + hook.getOutcome() + ": " + hook.getDetail());
        if (hook.getOutput() != null) {
            hook.getOutput().forEach(line -> say.answer("  hook", line));
        }
    }
}
