package io.timeflow.plugin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.platform.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upgrade rules between the installed version and the new one. */
class UpgradePlanUnitTest {

    static Migration m(String id, ObjectType type) {
        return new Migration(MigrationId.parse(id), type, "f_" + id.replace('.', '_'), "src/m.py", 1);
    }

    static final BuildNumber B1 = BuildNumber.parse("1.0");
    static final BuildNumber B2 = BuildNumber.parse("2.0");

    @Test
    void neverDelete_anInstalledMigrationMissingFromTheNewVersionFailsTheUpgradeNamingTheIds() {
        MigrationSet installed = MigrationSet.of(List.of(m("2019.11.20", ObjectType.LINKED_SOURCE),
                m("2019.12.01", ObjectType.REPOSITORY), m("2020.1.5", ObjectType.SNAPSHOT)));
        MigrationSet candidate = MigrationSet.of(List.of(m("2019.12.01", ObjectType.REPOSITORY)));
        assertThatThrownBy(() -> UpgradePlan.between(B1, installed, B2, candidate))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("MIGRATION_REMOVED");
                    assertThat(e.getMessage()).contains("2019.11.20 (linked source)").contains("2020.1.5 (snapshot)")
                            .doesNotContain("2019.12.01");
                    assertThat(e.context()).containsEntry("missingMigrationIds", List.of("2019.11.20", "2020.1.5"));
                });
    }

    @Test
    void neverDelete_anInstalledIdSpelledDifferentlyInTheNewVersionIsStillThere() {
        MigrationSet installed = MigrationSet.of(List.of(m("1.2", ObjectType.REPOSITORY)));
        MigrationSet candidate = MigrationSet.of(List.of(m("01.02.0", ObjectType.REPOSITORY), m("1.3", ObjectType.REPOSITORY)));
        UpgradePlan plan = UpgradePlan.between(B1, installed, B2, candidate);
        assertThat(plan.toRun()).extracting(x -> x.id().spelling()).containsExactly("1.3");
    }

    @Test
    void onlyNewRun_migrationsOfTheInstalledVersionDoNotRunAgain() {
        MigrationSet installed = MigrationSet.of(List.of(m("1", ObjectType.REPOSITORY), m("2", ObjectType.LINKED_SOURCE)));
        MigrationSet candidate = MigrationSet.of(List.of(m("1", ObjectType.REPOSITORY), m("2", ObjectType.LINKED_SOURCE),
                m("3", ObjectType.REPOSITORY), m("4", ObjectType.LINKED_SOURCE)));
        UpgradePlan plan = UpgradePlan.between(B1, installed, B2, candidate);
        assertThat(plan.toRun()).extracting(x -> x.id().spelling()).containsExactly("3", "4");
        assertThat(plan.chain(ObjectType.REPOSITORY)).extracting(x -> x.id().spelling()).containsExactly("3");
        assertThat(plan.chain(ObjectType.LINKED_SOURCE)).extracting(x -> x.id().spelling()).containsExactly("4");
        assertThat(plan.chain(ObjectType.SNAPSHOT)).isEmpty();
    }

    @Test
    void eachTypesChainRunsInNumericOrder_1_2_10_and_1_9_1_10() {
        MigrationSet candidate = MigrationSet.of(List.of(m("10", ObjectType.VIRTUAL_SOURCE),
                m("1.10", ObjectType.VIRTUAL_SOURCE), m("2", ObjectType.VIRTUAL_SOURCE), m("1.9", ObjectType.VIRTUAL_SOURCE),
                m("1", ObjectType.VIRTUAL_SOURCE), m("3", ObjectType.SOURCE_CONFIG)));
        UpgradePlan plan = UpgradePlan.between(B1, MigrationSet.empty(), B2, candidate);
        assertThat(plan.chain(ObjectType.VIRTUAL_SOURCE)).extracting(x -> x.id().spelling())
                .containsExactly("1", "1.9", "1.10", "2", "10");
        assertThat(plan.chain(ObjectType.SOURCE_CONFIG)).extracting(x -> x.id().spelling()).containsExactly("3");
    }

    @Test
    void theBuildNumberMustIncrease() {
        assertThatThrownBy(() -> UpgradePlan.between(BuildNumber.parse("1.10"), MigrationSet.empty(),
                BuildNumber.parse("1.9"), MigrationSet.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("BUILD_NUMBER_NOT_INCREASED");
                    assertThat(e.getMessage()).contains("1.9").contains("1.10");
                });
        assertThatThrownBy(() -> UpgradePlan.between(BuildNumber.parse("2"), MigrationSet.empty(),
                BuildNumber.parse("2.0.0"), MigrationSet.empty()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo("BUILD_NUMBER_NOT_INCREASED"));
        assertThat(UpgradePlan.between(BuildNumber.parse("1.9"), MigrationSet.empty(), BuildNumber.parse("1.10"),
                MigrationSet.empty()).toRun()).isEmpty();
    }
}
