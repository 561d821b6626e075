package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The faults of a run come from its seed: kills every few seconds, the broker a few times, PostgreSQL once. */
class NemesisTest {

    @Test
    void theSameSeedPlansTheSameFaults() {
        assertThat(Nemesis.plan(new Random(7), Duration.ofMinutes(2)))
                .isEqualTo(Nemesis.plan(new Random(7), Duration.ofMinutes(2)))
                .isNotEqualTo(Nemesis.plan(new Random(8), Duration.ofMinutes(2)));
    }

    @Test
    void tenMinutesHaveKillsEveryThreeToEightSecondsAFewBrokerStopsAndOnePostgresStop() {
        List<Nemesis.Planned> plan = Nemesis.plan(new Random(1), Duration.ofMinutes(10));

        List<Nemesis.Planned> kills = plan.stream().filter(p -> p.what().equals("kill")).toList();
        assertThat(kills).hasSizeBetween(600 / 8, 600 / 3);
        for (int i = 1; i < kills.size(); i++) {
            assertThat(kills.get(i).at().minus(kills.get(i - 1).at())).isBetween(Duration.ofSeconds(3),
                    Duration.ofSeconds(8));
        }
        assertThat(plan.stream().filter(p -> p.what().equals("broker.stop"))).hasSizeBetween(3, 4);
        assertThat(plan.stream().filter(p -> p.what().equals("postgres.stop"))).hasSize(1);
        assertThat(plan).isSortedAccordingTo(java.util.Comparator.comparing(Nemesis.Planned::at));
    }

    @Test
    void aShortRunStillStopsTheBrokerAndPostgresOnce() {
        List<Nemesis.Planned> plan = Nemesis.plan(new Random(3), Duration.ofMinutes(2));

        assertThat(plan.stream().filter(p -> p.what().equals("broker.stop"))).hasSize(1);
        assertThat(plan.stream().filter(p -> p.what().equals("postgres.stop"))).hasSize(1);
        assertThat(plan).allSatisfy(p -> assertThat(p.at()).isLessThan(Duration.ofMinutes(2)));
    }

    @Test
    void inTheOneMinuteRunOfTheBuildPostgresIsBackBeforeTheBrokerStopsAndBothStopBeforeTheEnd() {
        // the faults run one after the other: a PostgreSQL stop planned after the broker's came too late
        for (int seed = 0; seed < 200; seed++) {
            List<Nemesis.Planned> plan = Nemesis.plan(new Random(seed), Duration.ofMinutes(1));
            Nemesis.Planned pg = plan.stream().filter(p -> p.what().equals("postgres.stop")).findFirst().orElseThrow();
            Nemesis.Planned broker = plan.stream().filter(p -> p.what().equals("broker.stop")).findFirst().orElseThrow();
            assertThat(pg.at().plus(pg.lasting())).as("seed %d", seed).isLessThan(broker.at());
            assertThat(broker.at().plus(broker.lasting())).as("seed %d", seed).isLessThanOrEqualTo(Duration.ofMinutes(1));
        }
    }
}
