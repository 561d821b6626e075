package io.timeflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The suite's story (a dSource linked, restored and snapshotted, SnapSync, a fault, a plugin upgrade,
 * a VDB, a backup and its restore) against the four packaged services, one PostgreSQL and one Kafka
 * broker (or, with the {@code kube} profile, against the containers of {@code ./timeflow kube}), through
 * the generated clients only. {@link Story} checks every answer on the way (a wrong one fails this
 * test with what was expected and what the service said); this test checks that every chapter was
 * told and what the story left behind.
 */
class StoryIT {

    @Test
    void theWholeStoryIsToldThroughTheGeneratedClients() throws Exception {
        SuiteUnderTest suite = SuiteUnderTest.shared();
        List<String> steps = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        Story.Ending end = new Story(suite.endpoints(), new Story.Narrator() {
            @Override
            public void step(String title) {
                steps.add(title);
                System.out.println("[story] " + title);
            }

            @Override
            public void answer(String service, String what) {
                answers.add(service + ": " + what);
                System.out.println("[story]   " + service + ": " + what);
            }
        }).tell();

        assertThat(steps).containsSubsequence(
                "Link a staging-push dSource in RESTORING mode",
                "The first snapshot is taken when the dSource is linked",
                "Report a FULL, a DIFFERENTIAL and a LOG restore",
                "SnapSync: a snapshot of the last restored backup",
                "SnapSync again: the backup is already snapshotted",
                "The staging database is seen ONLINE, which RESTORING mode cannot monitor",
                "The database is RESTORING again: the fault resolves itself",
                "Upgrade the plugin to 2.0: its data migration runs over the linked source",
                "Provision a VDB from the latest snapshot",
                "Take a backup of the whole suite",
                "Restore the backup (destructive: confirmed by repeating its id)",
                "Every service shows the state of the backup time again");
        assertThat(answers).anyMatch(a -> a.contains("SNAPSHOT_EXISTS_FOR_BACKUP"))
                .anyMatch(a -> a.contains("STATE_MATCHES_MODE") && a.contains("CANNOT_MONITOR"))
                .anyMatch(a -> a.contains("409 PLUGIN_UPGRADE_IN_PROGRESS"));
        // at the backup: FULL, DIFFERENTIAL and two LOG restores; the first snapshot and two SnapSync snapshots
        assertThat(end.restoresAtBackup()).isEqualTo(4);
        assertThat(end.snapshotsAtBackup()).isEqualTo(3);
        assertThat(end.backupId()).isNotNull();
        assertThat(end.restoreId()).isNotNull();
    }
}
