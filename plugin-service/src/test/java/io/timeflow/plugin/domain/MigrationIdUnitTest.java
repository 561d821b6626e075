package io.timeflow.plugin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The rules for data migration ids: their shape, their equivalence and their numeric order. */
class MigrationIdUnitTest {

    @Test
    void theSeedsThreeSpellingsAreTheSameId() {
        MigrationId a = MigrationId.parse("1.2");
        MigrationId b = MigrationId.parse("01.02");
        MigrationId c = MigrationId.parse("1.2.0");
        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo(c.hashCode());
        assertThat(a.compareTo(c)).isZero();
        assertThat(b.sameIdAs(c)).isTrue();
        assertThat(List.of(a.canonical(), b.canonical(), c.canonical())).containsOnly("1.2");
    }

    @Test
    void theSpellingIsKeptForMessages() {
        assertThat(MigrationId.parse("01.02").spelling()).isEqualTo("01.02");
        assertThat(MigrationId.parse("01.02").toString()).isEqualTo("01.02");
    }

    @Test
    void orderIsNumericNotLexicographic_1_before_2_before_10() {
        List<MigrationId> ids = new ArrayList<>(List.of(MigrationId.parse("10"), MigrationId.parse("2"),
                MigrationId.parse("1")));
        Collections.sort(ids);
        assertThat(ids).extracting(MigrationId::spelling).containsExactly("1", "2", "10");
    }

    @Test
    void orderIsPartByPartNotByFloat_1_9_before_1_10() {
        assertThat(MigrationId.parse("1.9")).isLessThan(MigrationId.parse("1.10"));
        // as floats 1.10 < 1.9 and 1.1 == 1.10; as ids neither holds
        assertThat(MigrationId.parse("1.1")).isLessThan(MigrationId.parse("1.10"));
        assertThat(MigrationId.parse("1.1")).isNotEqualTo(MigrationId.parse("1.10"));
    }

    @Test
    void theSeedsRecommendedDateIdsSortAsDates() {
        List<MigrationId> ids = new ArrayList<>(List.of(MigrationId.parse("2019.11.05"),
                MigrationId.parse("2019.11.04.5"), MigrationId.parse("2019.11.04"), MigrationId.parse("2019.2.30"),
                MigrationId.parse("2020.1.1")));
        Collections.sort(ids);
        assertThat(ids).extracting(MigrationId::spelling)
                .containsExactly("2019.2.30", "2019.11.04", "2019.11.04.5", "2019.11.05", "2020.1.1");
    }

    @Test
    void aLongerIdWithExtraNonZeroPartsComesAfterItsPrefix() {
        assertThat(MigrationId.parse("1.2")).isLessThan(MigrationId.parse("1.2.1"));
        assertThat(MigrationId.parse("1.2.0.0")).isEqualTo(MigrationId.parse("1.2"));
        assertThat(MigrationId.parse("1.0.2")).isGreaterThan(MigrationId.parse("1"));
    }

    @Test
    void partsOfAnyLengthCompareWithoutOverflow() {
        MigrationId huge = MigrationId.parse("99999999999999999999999999999.1");
        MigrationId huger = MigrationId.parse("100000000000000000000000000000");
        assertThat(huge).isLessThan(huger);
        assertThat(MigrationId.parse("0000000000000000000000000000007")).isEqualTo(MigrationId.parse("7"));
    }

    @Test
    void orderIsATotalOrderConsistentWithEquals() {
        Random random = new Random(42);
        List<MigrationId> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int parts = 1 + random.nextInt(4);
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < parts; p++) {
                if (p > 0) {
                    sb.append('.');
                }
                sb.append("0".repeat(random.nextInt(2))).append(random.nextInt(12));
            }
            String text = sb.toString();
            if (text.matches("[0.]*")) {
                continue;
            }
            ids.add(MigrationId.parse(text));
        }
        for (MigrationId x : ids) {
            for (MigrationId y : ids) {
                assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
                assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
                for (MigrationId z : ids.subList(0, 20)) {
                    if (x.compareTo(y) <= 0 && y.compareTo(z) <= 0) {
                        assertThat(x.compareTo(z)).isLessThanOrEqualTo(0);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.", ".1", "1..2", "a", "1.a", "-1", "+1", "1 .2", " 1", "1,2", "1.2e3", "0", "0.0.0",
            "１.２"})
    void anythingButIntegersSeparatedByPeriodsIsRefused(String text) {
        assertThatThrownBy(() -> MigrationId.parse(text))
                .isInstanceOf(MigrationId.InvalidMigrationIdException.class)
                .hasMessageContaining("migration id \"" + text + "\"")
                .hasMessageContaining("integers separated by periods");
    }

    @Test
    void aRefusalSaysWhyWithoutNeedingTheText() {
        assertThatThrownBy(() -> MigrationId.parse("1..2"))
                .isInstanceOfSatisfying(MigrationId.InvalidMigrationIdException.class,
                        e -> assertThat(e.reason()).contains("empty part"));
        assertThatThrownBy(() -> MigrationId.parse("0.0"))
                .isInstanceOfSatisfying(MigrationId.InvalidMigrationIdException.class,
                        e -> assertThat(e.reason()).contains("must not be zero"));
        assertThatThrownBy(() -> MigrationId.parse("1".repeat(101)))
                .isInstanceOfSatisfying(MigrationId.InvalidMigrationIdException.class,
                        e -> assertThat(e.reason()).contains("longer than 100"));
    }

    @Test
    void zeroPartsInsideAnIdAreAllowed() {
        assertThat(MigrationId.parse("2019.0.1").canonical()).isEqualTo("2019.0.1");
        assertThat(MigrationId.parse("0.1")).isLessThan(MigrationId.parse("1"));
    }

    @Test
    void buildNumbersCompareLikeMigrationIds() {
        assertThat(BuildNumber.parse("1.10.0").isAfter(BuildNumber.parse("1.9"))).isTrue();
        assertThat(BuildNumber.parse("2").isAfter(BuildNumber.parse("2.0.0"))).isFalse();
        assertThat(BuildNumber.parse("02.0")).isEqualTo(BuildNumber.parse("2"));
        assertThatThrownBy(() -> BuildNumber.parse("1.x")).hasMessageContaining("build number \"1.x\"");
    }
}
