package io.timeflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The story against the containers of {@code ./timeflow kube} (profile {@code kube}) with copies of
 * each service beside one another, and containers killed in the middle of it: staging-service's
 * first copy while restores are being reported, snapshot-service's while a SnapSync runs after the
 * plugin upgrade. The other copy carries on, podman restarts the killed container, and the story ends
 * exactly as it does with nothing killed: nothing lost, nothing applied twice.
 */
class ContainersIT {

    @Test
    void theStoryEndsTheSameWithContainersKilledMidStory() throws Exception {
        assumeTrue("kube".equals(System.getProperty("timeflow.e2e.target")), "runs against ./timeflow kube (profile kube)");
        KubeSuite suite = KubeSuite.shared();
        assumeTrue(suite.copies() >= 2, "needs two copies of each service (./timeflow kube --copies 2)");
        List<String> steps = new ArrayList<>();
        List<String> killed = new ArrayList<>();
        Story.Ending end = new Story(suite.endpoints(), new Story.Narrator() {
            @Override
            public void step(String title) {
                steps.add(title);
                System.out.println("[story] " + title);
                try {
                    if (title.startsWith("Report a FULL, a DIFFERENTIAL and a LOG restore")) {
                        suite.kill("staging", 1);
                        killed.add("staging");
                    } else if (title.startsWith("Change the data: another LOG restore, its snapshot")) {
                        // during that step's SnapSync, after the plugin upgrade: the story watches SnapSync refused
                        // while a one-second upgrade runs, which a copy restarted just before cannot show (ADR 151)
                        suite.kill("snapshot", 1);
                        killed.add("snapshot");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("could not kill a container: " + e.getMessage(), e);
                }
            }

            @Override
            public void answer(String service, String what) {
                System.out.println("[story]   " + service + ": " + what);
            }
        }).tell();

        assertThat(killed).containsExactly("staging", "snapshot");
        for (String service : killed) {
            suite.restart(service, 1);
            assertThat(suite.restartCount(suite.container(service, 1))).as("%s restarted by podman", service).isPositive();
            assertThat(suite.proxy(service).connections(1))
                    .as("the second copy of %s served requests", service).isPositive();
        }
        assertThat(steps).contains("Every service shows the state of the backup time again");
        // as without kills: FULL, DIFFERENTIAL and two LOG restores at the backup; the first snapshot and two SnapSync ones
        assertThat(end.restoresAtBackup()).isEqualTo(4);
        assertThat(end.snapshotsAtBackup()).isEqualTo(3);
        assertThat(end.restoreId()).isNotNull();
    }
}
