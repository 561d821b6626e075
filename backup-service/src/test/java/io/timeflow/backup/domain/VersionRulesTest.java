package io.timeflow.backup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.platform.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The version rule of restores: a backup restores into the same or a newer suite (and is upgraded on the
 * way in), never into an older one; a refusal names both versions.
 */
class VersionRulesTest {

    static final SuiteMigrations BUNDLED = SuiteMigrations.bundled();

    static Map<String, List<String>> schemas(String schema, List<String> versions) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(schema, versions);
        return m;
    }

    @Test
    void versionsCompareNumericallyPartByPart() {
        assertThat(SuiteVersion.parse("0.10.0").isNewerThan(SuiteVersion.parse("0.9.0"))).isTrue();
        assertThat(SuiteVersion.parse("1.0").compareTo(SuiteVersion.parse("1.0.0"))).isZero();
        assertThat(SuiteVersion.parse("0.2.0").isNewerThan(SuiteVersion.parse("0.2.0-SNAPSHOT"))).isTrue();
        assertThat(SuiteVersion.parse("0.1.0").isNewerThan(SuiteVersion.parse("0.1.0"))).isFalse();
        assertThatThrownBy(() -> SuiteVersion.parse("latest")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBackupOfTheRunningVersionNeedsNoUpgrade() {
        VersionGate.Decision d = VersionGate.check("0.1.0", schemas("staging", BUNDLED.versionsOf("staging")), "0.1.0",
                BUNDLED);
        assertThat(d.upgrade()).isFalse();
    }

    @Test
    void aBackupFromAnOlderVersionIsAcceptedAndMarkedForUpgrade() {
        List<String> older = BUNDLED.versionsOf("staging").stream().filter(v -> !v.equals("0.3")).toList();
        VersionGate.Decision d = VersionGate.check("0.0.9", schemas("staging", older), "0.1.0", BUNDLED);
        assertThat(d.upgrade()).isTrue();
        assertThat(d.schemasToUpgrade()).containsExactly("staging");
    }

    @Test
    void aBackupFromANewerSuiteVersionIsRefusedNamingBothVersions() {
        assertThatThrownBy(() -> VersionGate.check("0.2.0", schemas("staging", BUNDLED.versionsOf("staging")), "0.1.0",
                BUNDLED))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("BACKUP_NEWER_THAN_SUITE");
                    assertThat(e.getMessage()).contains("0.2.0").contains("0.1.0");
                    assertThat(e.context()).containsEntry("backupVersion", "0.2.0").containsEntry("runningVersion", "0.1.0");
                });
    }

    @Test
    void aSchemaMigratedBeyondWhatThisSuiteKnowsIsRefusedAsNewer() {
        List<String> ahead = new java.util.ArrayList<>(BUNDLED.versionsOf("staging"));
        ahead.add("999");
        assertThatThrownBy(() -> VersionGate.check("0.1.0", schemas("staging", ahead), "0.1.0", BUNDLED))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("BACKUP_NEWER_THAN_SUITE");
                    assertThat(e.context()).containsEntry("backupMigrationVersion", "999").containsEntry("schema", "staging");
                });
    }

    @Test
    void aSchemaThisSuiteDoesNotKnowIsRefusedAsNewer() {
        assertThatThrownBy(() -> VersionGate.check("0.1.0", schemas("inventory", List.of("1")), "0.1.0", BUNDLED))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("BACKUP_NEWER_THAN_SUITE"));
    }

    @Test
    void anUnknownMigrationBelowTheLatestIsRefused() {
        List<String> odd = new java.util.ArrayList<>(BUNDLED.versionsOf("staging"));
        odd.add("0.2.5");
        assertThatThrownBy(() -> VersionGate.check("0.1.0", schemas("staging", odd), "0.1.0", BUNDLED))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_MIGRATION"));
    }

    @Test
    void theBundledMigrationsCoverThePlatformAndEachServiceOnThisBranch() {
        assertThat(BUNDLED.knows("staging")).isTrue();
        assertThat(BUNDLED.knows("snapshot")).isTrue();
        assertThat(BUNDLED.versionsOf("staging")).startsWith("0.1", "0.2", "0.3").contains("1");
    }
}
