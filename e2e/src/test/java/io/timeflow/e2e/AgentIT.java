package io.timeflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.client.snapshot.api.SyncPoliciesApi;
import io.timeflow.client.snapshot.api.VdbsApi;
import io.timeflow.client.snapshot.model.JobStep;
import io.timeflow.client.snapshot.model.SnapSyncJob;
import io.timeflow.client.snapshot.model.SnapSyncRequest;
import io.timeflow.client.snapshot.model.SyncPolicyRequest;
import io.timeflow.client.snapshot.model.Vdb;
import io.timeflow.client.snapshot.model.VdbRefreshRequest;
import io.timeflow.client.snapshot.model.VdbRequest;
import io.timeflow.client.staging.model.Agent;
import io.timeflow.client.staging.model.AttachRequest;
import io.timeflow.client.staging.model.ConvertRequest;
import io.timeflow.client.staging.model.DSource;
import io.timeflow.client.staging.model.DSourceOperationResult;
import io.timeflow.client.staging.model.DSourceRequest;
import io.timeflow.client.staging.model.DatabaseStateMode;
import io.timeflow.client.staging.model.IngestionType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The staging-host agent against the packaged services, one PostgreSQL and one Kafka broker: the
 * packaged agent jar, a stand-in host directory, hooks run by bash. A dSource linked with a bash
 * pre-sync hook gets its first snapshot of the backup the hook restored; a SnapSync has the hook's
 * output in its steps and the snapshot of the backup the hook reported; killing the agent mid-hook
 * fails that SnapSync cleanly (its lease expires) and the next one succeeds; restarts of the agent and
 * of staging-service lose no report and double none; and each staging-push rule that was partial is
 * walked through the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentIT {

    static AgentStory.Ending told;

    static Suite suite() throws Exception {
        Suite suite = Suite.shared();
        if (!suite.agentAlive()) {
            suite.startAgent();
        }
        return suite;
    }

    static AgentStory story(Suite suite) {
        return new AgentStory(suite.endpoints(), new Story.Narrator() {
            @Override
            public void step(String title) {
                System.out.println("[agent] " + title);
            }

            @Override
            public void answer(String service, String what) {
                System.out.println("[agent]   " + service + ": " + what);
            }
        }, Suite.AGENT);
    }

    @Test
    @Order(1)
    void aBashPreSyncHookRunsAtLinkAndBeforeASnapSyncWithItsOutputInTheStepsAndTheSnapshotOfItsBackup() throws Exception {
        Suite suite = suite();
        told = story(suite).tell();
        JobStep hook = AgentStory.step(told.snapSync(), "PRE_SYNC_HOOK");
        assertThat(hook.getOutcome()).hasToString("PASSED");
        assertThat(hook.getOutput()).anyMatch(l -> l.startsWith("pre-sync hook of "))
                .anyMatch(l -> l.startsWith("restored and reported LOG backup 2000 to 2500"));
        assertThat(hook.getOutput()).noneMatch(l -> l.contains("tfk_") && !l.contains("tfk_****"));
        Path marker = Path.of(told.mountBase()).getParent().resolve("pre-sync-marker");
        assertThat(Files.readAllLines(marker)).contains("marker " + told.snapSync().getId());
        assertThat(told.snapshot().getBackupSet().getLastLsn()).isEqualTo("2500");
        // FULL (learned from msdb) and the LOG the hook reported, once
        assertThat(told.restores()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void killingTheAgentMidHookFailsTheSnapSyncCleanlyAndTheNextOneSucceeds() throws Exception {
        Suite suite = suite();
        AgentStory story = story(suite);
        UUID ds = told.dsourceId();
        Path data = Path.of(told.mountBase()).getParent();
        Path hold = data.resolve("hold-pre-sync");
        Files.writeString(hold, "hold");
        long restores = story.dsources.getDSource(ds).getRestoreCount();

        SnapSyncJob job = story.snapsync.requestSnapSync(new SnapSyncRequest().dsourceId(ds));
        Poll.until("the agent to be running the hook", Duration.ofSeconds(60), () -> story.snapsync.getSnapSync(job.getId()),
                j -> j.getSteps() != null && j.getSteps().stream().anyMatch(s -> "PRE_SYNC_HOOK".equals(s.getName())
                        && s.getDetail() != null && s.getDetail().contains("runs on agent")));
        suite.killAgent();
        SnapSyncJob failed = story.awaitJob(job);
        assertThat(failed.getState()).isEqualTo(SnapSyncJob.StateEnum.FAILED);
        assertThat(failed.getCode()).isEqualTo("HOOK_LEASE_EXPIRED");
        assertThat(AgentStory.step(failed, "PRE_SYNC_HOOK").getOutcome()).hasToString("FAILED");
        assertThat(failed.getSnapshotId()).isNull();

        // the orphaned hook was stopped with the agent: it never restored anything
        Files.delete(hold);
        Thread.sleep(1_500);
        assertThat(story.dsources.getDSource(ds).getRestoreCount()).isEqualTo(restores);

        suite.startAgent();
        story.awaitAgent(Duration.ofSeconds(60));
        SnapSyncJob next = story.awaitJob(story.snapsync.requestSnapSync(new SnapSyncRequest().dsourceId(ds)));
        assertThat(next.getState()).isEqualTo(SnapSyncJob.StateEnum.SUCCEEDED);
        assertThat(AgentStory.step(next, "PRE_SYNC_HOOK").getOutput())
                .anyMatch(l -> l.startsWith("restored and reported LOG backup 2500 to 3000"));
    }

    @Test
    @Order(3)
    void restartsOfTheAgentAndOfStagingServiceLoseNoReportAndDoubleNone() throws Exception {
        Suite suite = suite();
        AgentStory story = story(suite);
        UUID ds = told.dsourceId();
        String db = story.dsources.getDSource(ds).getStagingDatabaseName();
        long restores = story.dsources.getDSource(ds).getRestoreCount();
        String last = story.dsources.getDSource(ds).getChain().getPositionLsn();
        long next = Long.parseLong(last) + 500;

        // staging-service is down while a restore is made by hand (SSMS): the agent keeps its report
        suite.kill("staging");
        suite.standIn("restore", "--database", db, "--type", "LOG", "--first-lsn", last, "--last-lsn",
                String.valueOf(next));
        Thread.sleep(5_000); // a couple of watch rounds: the report is queued on the agent's disk
        suite.killAgent();
        suite.restart("staging");
        suite.startAgent();

        DSource after = Poll.until("the restore made by hand to be reported", Duration.ofSeconds(90),
                () -> story.dsources.getDSource(ds), d -> String.valueOf(next).equals(d.getChain().getPositionLsn()));
        Thread.sleep(5_000); // more watch rounds: nothing is reported twice
        assertThat(story.dsources.getDSource(ds).getRestoreCount()).isEqualTo(restores + 1);
        // the hook goes on from there
        Files.writeString(Path.of(told.mountBase()).getParent().resolve("last-lsn"), String.valueOf(next));
        assertThat(after.getLastRestoreId()).isNotNull();
    }

    @Test
    @Order(4)
    void theStagingPushRulesThatWerePartialHoldThroughTheApi() throws Exception {
        Suite suite = suite();
        AgentStory story = story(suite);
        Agent agent = story.awaitAgent(Duration.ofSeconds(60));
        var snapshotClient = suite.endpoints().snapshotClient();
        VdbsApi vdbs = new VdbsApi(snapshotClient);

        // the dSource shows when it cannot be monitored, by what the agent sees
        DSource watched = story.link(agent, "watched-" + UUID.randomUUID().toString().substring(0, 8),
                DatabaseStateMode.RESTORING, null);
        story.awaitFirstSnapshot(watched.getId());
        Poll.until("the agent to create the staging database", Duration.ofSeconds(60),
                () -> story.dsources.getDSource(watched.getId()), d -> "ATTACHED".equals(String.valueOf(d.getAttachment().getStatus())));
        suite.standIn("state", "--database", watched.getStagingDatabaseName(), "--state", "ONLINE");
        Poll.until("the dSource to show CANNOT_MONITOR", Duration.ofSeconds(60), () -> story.dsources.getDSource(watched.getId()),
                d -> "CANNOT_MONITOR".equals(d.getMonitoring()));
        suite.standIn("state", "--database", watched.getStagingDatabaseName(), "--state", "RESTORING");
        Poll.until("the dSource to be monitored again", Duration.ofSeconds(60), () -> story.dsources.getDSource(watched.getId()),
                d -> "OK".equals(d.getMonitoring()));

        // enable attempts the attach: a database of that name not on the mount -> SKIP_ATTACH_OPERATION, enabled
        story.dsources.disableDSource(watched.getId());
        suite.standIn("state", "--database", watched.getStagingDatabaseName(), "--state", "MISSING");
        suite.standIn("create-database", "--database", watched.getStagingDatabaseName(), "--files-dir",
                suite.agentHost().resolve("elsewhere").toString());
        DSourceOperationResult enabled = story.dsources.enableDSource(watched.getId());
        assertThat(enabled.getDsource().getStatus()).isEqualTo("ENABLED");
        assertThat(enabled.getWarnings()).singleElement().satisfies(w -> {
            assertThat(w.getCode()).isEqualTo("SKIP_ATTACH_OPERATION");
            assertThat(w.getMessage()).contains("is not managed by Timeflow");
        });

        // files in a sub-directory of the mount: the restore is not taken, enable and provisioning are refused
        DSource sub = story.link(agent, "sub-" + UUID.randomUUID().toString().substring(0, 8),
                DatabaseStateMode.RESTORING, null);
        UUID firstSnapshot = story.awaitFirstSnapshot(sub.getId()).getId();
        // the first snapshot comes before the agent has created the staging database on the mount: a restore made
        // by hand before that finds no database (a race seen once in a full run)
        Poll.until("the agent to create the staging database", Duration.ofSeconds(60), () -> story.dsources.getDSource(sub.getId()),
                d -> "ATTACHED".equals(String.valueOf(d.getAttachment().getStatus())));
        suite.standIn("restore", "--database", sub.getStagingDatabaseName(), "--type", "FULL", "--first-lsn", "1000",
                "--last-lsn", "2000", "--checkpoint-lsn", "1500", "--replace", "--files-in-subdirectory", "folder1");
        String moved = sub.getMountBase() + "/folder1/" + sub.getStagingDatabaseName() + ".mdf";
        Poll.until("the agent to see the files in folder1", Duration.ofSeconds(60),
                () -> story.snapsync.getSnapSyncReadiness(sub.getId()), r -> "FILES_UNDER_MOUNT".equals(r.getCode()));
        Refusal vdbRefused = Story.refused(() -> vdbs.provisionVdb(new VdbRequest().name("sub-vdb-" + UUID.randomUUID())
                .snapshotId(firstSnapshot).targetEnvironmentId(agent.getEnvironmentId())));
        assertThat(vdbRefused.status()).isEqualTo(422);
        assertThat(vdbRefused.code()).isEqualTo("FILES_OUTSIDE_MOUNT_DIRECTORY");
        assertThat(vdbRefused.detail()).contains(moved);
        story.dsources.disableDSource(sub.getId());
        Refusal enableRefused = Story.refused(() -> story.dsources.enableDSource(sub.getId()));
        assertThat(enableRefused.code()).isEqualTo("FILES_OUTSIDE_MOUNT_DIRECTORY");
        assertThat(enableRefused.detail()).contains(moved);
        assertThat(story.restores.listRestores(sub.getId(), 10, 0, null).getItems())
                .singleElement().satisfies(r -> assertThat(String.valueOf(r.getStatus())).isEqualTo("FAILED"));

        // a detached dSource still provisions a VDB; a relink under a new name keeps the file names
        UUID ds = told.dsourceId();
        DSource before = story.dsources.getDSource(ds);
        UUID latest = story.snapsync.listSnapSyncs(ds, 1, 0, "SUCCEEDED").getItems().get(0).getSnapshotId();
        story.dsources.detachDSource(ds);
        Vdb vdb = vdbs.provisionVdb(new VdbRequest().name("from-detached-" + UUID.randomUUID().toString().substring(0, 8))
                .snapshotId(latest).targetEnvironmentId(agent.getEnvironmentId()));
        assertThat(vdb.getSnapshotId()).isEqualTo(latest);
        String renamed = before.getStagingDatabaseName() + "_v2";
        suite.standIn("state", "--database", before.getStagingDatabaseName(), "--state", "MISSING");
        DSourceOperationResult attached = story.dsources.attachDSource(ds, new AttachRequest().stagingDatabaseName(renamed)
                .databaseStateMode(io.timeflow.client.staging.model.DatabaseStateMode.RESTORING)
                .environmentId(agent.getEnvironmentId()).repositoryId(agent.getInstances().get(0).getId()));
        assertThat(attached.getDsource().getDatabaseFileNames()).isEqualTo(before.getDatabaseFileNames());
        DSource relinked = Poll.until("the agent to attach the files under the new name", Duration.ofSeconds(60),
                () -> story.dsources.getDSource(ds), d -> "ATTACHED".equals(String.valueOf(d.getAttachment().getStatus())));
        assertThat(relinked.getStagingDatabaseName()).isEqualTo(renamed);
        assertThat(relinked.getDatabaseFileNames()).isEqualTo(before.getDatabaseFileNames());
        assertThat(story.dsources.enableDSource(ds).getWarnings()).isEmpty();

        // VDB refresh to the latest snapshot. snapshot-service learns of the attach and the enable from their
        // events; a client that asks at once may find it a moment behind (a CI run's SnapSync failed so), so it
        // waits for the readiness the API reports, as a user's client would
        Poll.until("snapshot-service to see the dSource attached and enabled", Duration.ofSeconds(60),
                () -> story.snapsync.getSnapSyncReadiness(ds), r -> Boolean.TRUE.equals(r.getReady()));
        SnapSyncJob again = story.awaitJob(story.snapsync.requestSnapSync(new SnapSyncRequest().dsourceId(ds)));
        assertThat(again.getState()).as("steps: %s", again.getSteps()).isEqualTo(SnapSyncJob.StateEnum.SUCCEEDED);
        Vdb refreshed = vdbs.refreshVdb(vdb.getId(), new VdbRefreshRequest());
        assertThat(refreshed.getSnapshotId()).isEqualTo(again.getSnapshotId());

        // an ONLINE dSource converts between linked and staging push, keeping its snapshots; RESTORING refuses
        DSource online = story.link(agent, "online-" + UUID.randomUUID().toString().substring(0, 8),
                DatabaseStateMode.ONLINE, null);
        story.awaitFirstSnapshot(online.getId());
        assertThat(story.dsources.convertDSource(online.getId(), new ConvertRequest().ingestionType(IngestionType.LINKED))
                .getIngestionType()).isEqualTo(IngestionType.LINKED);
        story.dsources.convertDSource(online.getId(), new ConvertRequest().ingestionType(IngestionType.STAGING_PUSH));
        assertThat(story.snapshots.listSnapshots(online.getId(), 10, 0, null).getTotal()).isEqualTo(1);
        assertThat(Story.refused(() -> story.dsources.convertDSource(ds,
                new ConvertRequest().ingestionType(IngestionType.LINKED))).code()).isEqualTo("CONVERSION_NOT_SUPPORTED");

        // a default SnapSync policy chosen at link
        SyncPoliciesApi policies = new SyncPoliciesApi(snapshotClient);
        UUID policy = policies.createSyncPolicy(new SyncPolicyRequest().name("nightly-" + UUID.randomUUID())
                .cron("0 0 2 * * ?").timeZone("UTC")).getId();
        DSource withPolicy = Poll.until("staging-service to know the policy", Duration.ofSeconds(60), () -> {
            try {
                return story.dsources.linkDSource(new DSourceRequest().name("policy-" + UUID.randomUUID().toString()
                                .substring(0, 8)).stagingDatabaseName("policy_" + UUID.randomUUID().toString().substring(0, 8))
                        .databaseStateMode(DatabaseStateMode.RESTORING).environmentId(agent.getEnvironmentId())
                        .repositoryId(agent.getInstances().get(0).getId()).syncPolicyId(policy));
            } catch (Exception e) {
                if (Refusal.of(e).map(r -> r.status() == 422).orElse(false)) {
                    return null;
                }
                throw e;
            }
        }, d -> d != null);
        Poll.until("the dSource to follow the policy", Duration.ofSeconds(60), () -> policies.getSyncPolicy(policy),
                p -> p.getDsourceIds() != null && p.getDsourceIds().contains(withPolicy.getId()));
        assertThat(withPolicy.getSyncPolicyId()).isEqualTo(policy);
        assertThat(List.of(withPolicy.getIngestionType())).containsExactly(IngestionType.STAGING_PUSH);
    }
}
