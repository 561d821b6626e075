package io.timeflow.backup.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.testing.DatabaseBootstrap;
import org.junit.jupiter.api.Test;

/**
 * The schemas a backup holds are the ones an installation is bootstrapped with (each with its role), and the
 * migration artifacts this service depends on hold the scripts of each of them (plain unit test, no database).
 */
class SuiteSchemasUnitTest {

    @Test
    void aBackupHoldsEverySchemaTheDatabaseIsBootstrappedWithAndHasEachOnesScripts() {
        assertThat(SuiteMigrations.SCHEMAS).containsExactlyElementsOf(DatabaseBootstrap.SCHEMAS);
        SuiteMigrations bundled = SuiteMigrations.bundled();
        for (String schema : SuiteMigrations.SCHEMAS) {
            assertThat(bundled.knows(schema)).as(schema).isTrue();
            assertThat(bundled.versionsOf(schema)).as(schema).isNotEmpty();
        }
    }
}
