package io.timeflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.client.snapshot.model.SnapSyncJob;
import io.timeflow.client.staging.model.BackupType;
import io.timeflow.client.staging.model.DatabaseState;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Faults against the running suite: a service killed (SIGKILL) in the middle of a flow and started
 * again, the Kafka broker stopped and started again. Nothing is lost (what was reported reaches the
 * other services) and nothing is applied twice (one snapshot per backup, jobs end once), seen through
 * the generated clients.
 */
class FaultIT {

    @Test
    void snapshotServiceKilledDuringSnapSyncAndWhileRestoresAreReportedCatchesUpOnce() throws Exception {
        SuiteUnderTest suite = SuiteUnderTest.shared();
        Story story = new Story(suite.endpoints(), Story.Narrator.silent());
        Story.Scene scene = story.scene(null);
        UUID ds = scene.dsourceId();
        story.awaitFirstSnapshot(ds);
        story.report(ds, DatabaseState.RESTORING, scene.files());
        story.restore(ds, scene.files(), BackupType.FULL, "1000", "2000", "1500", null);
        story.awaitReadiness(ds, r -> Boolean.TRUE.equals(r.getReady()) && r.getLastRestoredBackup() != null
                && "2000".equals(r.getLastRestoredBackup().getLastLsn()), "snapshot-service to know the FULL restore");

        // killed with a SnapSync job just requested
        SnapSyncJob requested = story.requestSnapSync(ds);
        suite.kill("snapshot");
        // restores go on being reported while it is down
        story.restore(ds, scene.files(), BackupType.DIFFERENTIAL, "2500", "3000", null, "1500");
        story.restore(ds, scene.files(), BackupType.LOG, "2900", "3500", null, null);
        suite.restart("snapshot");

        // the job requested before the kill ends, once (taken over by the restarted service if it was running)
        SnapSyncJob first = story.awaitJob(requested);
        assertThat(first.getState()).isIn(SnapSyncJob.StateEnum.SUCCEEDED, SnapSyncJob.StateEnum.SKIPPED);
        assertThat(story.snapSyncJob(requested.getId()).getState()).isEqualTo(first.getState());
        // what was reported while it was down is not lost
        story.awaitReadiness(ds, r -> Boolean.TRUE.equals(r.getReady()) && r.getLastRestoredBackup() != null
                && "3500".equals(r.getLastRestoredBackup().getLastLsn()), "snapshot-service to catch up");
        assertThat(story.snapSync(ds).getState()).isIn(SnapSyncJob.StateEnum.SUCCEEDED, SnapSyncJob.StateEnum.SKIPPED);
        // and nothing is applied twice: asking again changes nothing, and no backup has two snapshots
        assertThat(story.snapSync(ds).getState()).isEqualTo(SnapSyncJob.StateEnum.SKIPPED);
        List<String> snapshotted = story.snapshots(ds).stream()
                .map(s -> s.getBackupSet() == null || s.getBackupSet().getLastLsn() == null ? "empty database"
                        : s.getBackupSet().getLastLsn())
                .toList();
        assertThat(snapshotted).doesNotHaveDuplicates().contains("empty database", "3500");
    }

    @Test
    void stagingServiceKilledRightAfterARestoreReportLosesNoEvent() throws Exception {
        SuiteUnderTest suite = SuiteUnderTest.shared();
        Story story = new Story(suite.endpoints(), Story.Narrator.silent());
        Story.Scene scene = story.scene(null);
        UUID ds = scene.dsourceId();
        story.awaitFirstSnapshot(ds);
        story.report(ds, DatabaseState.RESTORING, scene.files());
        story.restore(ds, scene.files(), BackupType.FULL, "100", "200", "150", null);
        // the restore is committed with its events in the outbox; the process dies before (or while) relaying them
        suite.kill("staging");
        suite.restart("staging");

        story.awaitReadiness(ds, r -> Boolean.TRUE.equals(r.getReady()) && r.getLastRestoredBackup() != null
                && "200".equals(r.getLastRestoredBackup().getLastLsn()), "the restore to reach snapshot-service");
        assertThat(story.snapSync(ds).getState()).isEqualTo(SnapSyncJob.StateEnum.SUCCEEDED);
        assertThat(story.snapshotCount(ds)).isEqualTo(2);
        story.restore(ds, scene.files(), BackupType.LOG, "200", "300", null, null);
        story.awaitReadiness(ds, r -> r.getLastRestoredBackup() != null
                && "300".equals(r.getLastRestoredBackup().getLastLsn()), "the next restore to reach snapshot-service");
    }

    @Test
    void theBrokerStoppedAndStartedAgainLosesNothingAndAppliesNothingTwice() throws Exception {
        SuiteUnderTest suite = SuiteUnderTest.shared();
        Story story = new Story(suite.endpoints(), Story.Narrator.silent());
        Story.Scene scene = story.scene(null);
        UUID ds = scene.dsourceId();
        story.awaitFirstSnapshot(ds);
        story.report(ds, DatabaseState.RESTORING, scene.files());

        suite.stopKafka();
        try {
            // the API keeps taking reports: their events wait in the outbox
            story.restore(ds, scene.files(), BackupType.FULL, "5000", "6000", "5500", null);
            story.restore(ds, scene.files(), BackupType.LOG, "6000", "7000", null, null);
        } finally {
            suite.startKafka();
        }

        story.awaitReadiness(ds, r -> Boolean.TRUE.equals(r.getReady()) && r.getLastRestoredBackup() != null
                && "7000".equals(r.getLastRestoredBackup().getLastLsn()), "the restores to reach snapshot-service");
        assertThat(story.snapSync(ds).getState()).isEqualTo(SnapSyncJob.StateEnum.SUCCEEDED);
        assertThat(story.snapSync(ds).getState()).isEqualTo(SnapSyncJob.StateEnum.SKIPPED);
        assertThat(story.snapshotCount(ds)).isEqualTo(2);
    }
}
