package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code ./timeflow chaos}: one minute of workload against two replicas of each
 * packaged service while replicas are killed every few seconds, the broker is stopped and
 * PostgreSQL is stopped once, then every invariant is decided on the history. The long form is
 * {@code ./timeflow chaos --minutes 10}. With the start of the 8 service processes (about a minute on
 * two cores), the setup, the quiet phase and the reading of the final state, it takes about 4 to 5
 * minutes of the test run ({@code -Dchaos.minutes=N} for a longer one).
 */
class ChaosIT {

    @Test
    void aMinuteOfFaultsAgainstTwoReplicasBreaksNoPromise() throws Exception {
        Path project = Path.of(System.getProperty("timeflow.project.dir", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(project.resolve("staging-service")) && project.getParent() != null) {
            project = project.getParent();
        }
        long seed = Long.getLong("chaos.seed", 2026L);
        ChaosOptions options = ChaosOptions.parse(List.of("--minutes", System.getProperty("chaos.minutes", "1"),
                "--seed", String.valueOf(seed), "--replicas", "2", "--data-dir",
                project.resolve("chaos").resolve("target").resolve("chaos-it").toString()),
                Map.of("TIMEFLOW_HOME", project.toString()));

        ChaosRun.Outcome outcome = new ChaosRun(options).run();
        System.out.print(outcome.report());

        assertThat(outcome.counts().kills()).isPositive();
        assertThat(outcome.counts().brokerStops()).isPositive();
        assertThat(outcome.counts().postgresStops()).isEqualTo(1);
        assertThat(outcome.counts().operations()).isGreaterThan(1_000);
        assertThat(outcome.figures().completedRestores()).isPositive();
        assertThat(outcome.verdicts()).extracting(Invariant.Verdict::invariant).contains(
                "restore chain = accepted reports", "one snapshot per backup per timeflow", "each SnapSync job ended",
                "upgrades all or nothing", "one backup per scheduled fire", "every event consumed once");
        assertThat(outcome.verdicts()).allSatisfy(v -> assertThat(v.holds())
                .as("%s: %s", v.invariant(), v.violations()).isTrue());
    }
}
