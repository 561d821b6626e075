package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checker of "an upgrade is all or nothing". */
class UpgradesAllOrNothingTest {

    private static final String PLUGIN = "chaos-plugin";

    private final Histories h = new Histories();
    private final List<FinalState.ObjectRow> objects = new ArrayList<>();
    private final List<FinalState.UpgradeRow> upgrades = new ArrayList<>();
    private final List<FinalState.GuardRow> guards = new ArrayList<>();

    private Invariant.Verdict check(String version, String pluginState) {
        FinalState state = new FinalState(List.of(), List.of(), List.of(),
                List.of(new FinalState.PluginState(PLUGIN, version, pluginState, objects, upgrades)), List.of(), null,
                List.of(), List.of(), List.of(), guards);
        return new UpgradesAllOrNothing().check(h.history(), state);
    }

    private void objects(int n, int generation) {
        for (int i = 0; i < n; i++) {
            String name = "o-" + objects.size();
            objects.add(new FinalState.ObjectRow(UUID.randomUUID(), name, "LINKED_SOURCE", generation));
            h.ok("setup", "object.create", World.keys("plugin", PLUGIN, "name", name));
        }
    }

    private UUID upgrade(String state, String from, String to) {
        UUID id = UUID.randomUUID();
        upgrades.add(new FinalState.UpgradeRow(id, state, from, to, "FAILED".equals(state) ? "UPGRADE_INTERRUPTED" : null));
        return id;
    }

    @Test
    void everyObjectAtTheVersionOfTheLastSuccessfulUpgradeHolds() {
        objects(5, 3);
        upgrade("SUCCEEDED", "1.0", "2.0");
        upgrade("FAILED", "2.0", "3.0");
        upgrade("SUCCEEDED", "2.0", "3.0");

        Invariant.Verdict v = check("3.0", "ACTIVE");

        assertThat(v.violations()).isEmpty();
        assertThat(v.checked()).isEqualTo(5);
    }

    @Test
    void objectsAtTwoGenerationsAreAHalfAppliedUpgrade() {
        objects(3, 2);
        objects(2, 1);
        upgrade("SUCCEEDED", "1.0", "2.0");

        assertThat(check("2.0", "ACTIVE").violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains("half applied").contains("{1=2, 2=3}"));
    }

    @Test
    void aVersionOtherThanTheLastSuccessfulUpgradesIsAViolation() {
        objects(2, 1);
        upgrade("SUCCEEDED", "1.0", "2.0");

        assertThat(check("1.0", "ACTIVE").violations()).extracting(Invariant.Violation::what)
                .anySatisfy(w -> assertThat(w).contains("last successful upgrade went to 2.0"));
    }

    @Test
    void anUpgradeStillRunningOrAPluginStillUpgradingOnceQuietAreViolations() {
        objects(1, 1);
        upgrade("RUNNING", "1.0", "2.0");

        assertThat(check("1.0", "UPGRADING").violations()).extracting(Invariant.Violation::what)
                .anySatisfy(w -> assertThat(w).contains("still UPGRADING"))
                .anySatisfy(w -> assertThat(w).contains("still RUNNING"));
    }

    @Test
    void aServiceStillGuardingAnEndedUpgradeIsAViolation() {
        objects(1, 1);
        UUID failed = upgrade("FAILED", "1.0", "2.0");
        guards.add(new FinalState.GuardRow("snapshot", PLUGIN, failed.toString()));

        assertThat(check("1.0", "ACTIVE").violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains("snapshot-service still refuses"));
    }

    @Test
    void anAcceptedUpgradeThatIsNotListedIsAViolation() {
        objects(1, 1);
        String lost = UUID.randomUUID().toString();
        h.ok("plugins", "upgrade.request", World.keys("plugin", PLUGIN, "upgrade", lost));

        assertThat(check("1.0", "ACTIVE").violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains(lost));
    }

    @Test
    void anObjectCreatedButMissingIsLostAndOneRefusedButPresentIsAViolation() {
        objects(1, 1);
        h.ok("plugins", "object.create", World.keys("plugin", PLUGIN, "name", "gone"));
        h.refused("plugins", "object.create", World.keys("plugin", PLUGIN, "name", "ghost"), 409, "PLUGIN_UPGRADING", "");
        objects.add(new FinalState.ObjectRow(UUID.randomUUID(), "ghost", "LINKED_SOURCE", 1));

        assertThat(check("1.0", "ACTIVE").violations()).extracting(Invariant.Violation::what)
                .anySatisfy(w -> assertThat(w).contains("gone").contains("lost"))
                .anySatisfy(w -> assertThat(w).contains("ghost").contains("refused"));
    }

    @Test
    void anObjectWhoseCreationWasUnknownMayExist() {
        objects(1, 1);
        h.unknown("plugins", "object.create", World.keys("plugin", PLUGIN, "name", "maybe"));
        objects.add(new FinalState.ObjectRow(UUID.randomUUID(), "maybe", "SOURCE_CONFIG", 1));

        assertThat(check("1.0", "ACTIVE").violations()).isEmpty();
    }
}
