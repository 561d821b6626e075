package io.timeflow.plugin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.plugin.bundle.BundleRejectedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on the data migrations of one plugin version: well-formed ids, unique across all object types. */
class MigrationSetUnitTest {

    static MigrationSet.Declared declared(String id, String decorator, String function, int line) {
        return new MigrationSet.Declared(id, "str", decorator, function, "src/migrations.py", line);
    }

    @Test
    void idsAreUniqueAcrossAllObjectTypes_aDuplicateIsReportedWithBothSpellingsAndPlaces() {
        assertThatThrownBy(() -> MigrationSet.check(List.of(
                declared("1.2", "repository", "add_path", 4),
                declared("01.02", "linked_source", "add_skip", 12))))
                .isInstanceOfSatisfying(BundleRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo("DUPLICATE_MIGRATION_ID");
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).file()).isEqualTo("src/migrations.py");
                    assertThat(e.problems().get(0).line()).isEqualTo(12);
                    assertThat(e.getMessage())
                            .contains("\"01.02\"").contains("\"1.2\"")
                            .contains("linked source migration 01.02 (add_skip, src/migrations.py line 12)")
                            .contains("repository migration 1.2 (add_path, src/migrations.py line 4)")
                            .contains("unique across all object types");
                });
    }

    @Test
    void aTrailingZeroPartMakesTheSameId() {
        assertThatThrownBy(() -> MigrationSet.check(List.of(
                declared("1.2", "snapshot", "a", 1),
                declared("1.2.0", "snapshot", "b", 2))))
                .isInstanceOfSatisfying(BundleRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo("DUPLICATE_MIGRATION_ID"));
    }

    @Test
    void aBadIdIsRefusedNamingTheFileLineAndFunction() {
        assertThatThrownBy(() -> MigrationSet.check(List.of(declared("2019-11-20", "virtual_source", "add_port", 7))))
                .isInstanceOfSatisfying(BundleRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_MIGRATION_ID");
                    assertThat(e.problems().get(0).where()).isEqualTo("src/migrations.py line 7");
                    assertThat(e.getMessage()).contains("\"2019-11-20\"").contains("virtual source migration add_port");
                });
    }

    @Test
    void anIdThatIsNotAStringIsRefused() {
        assertThatThrownBy(() -> MigrationSet.check(List.of(
                new MigrationSet.Declared(null, "float", "repository", "add", "src/m.py", 3))))
                .isInstanceOfSatisfying(BundleRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("must be a string").contains("not a float"));
    }

    @Test
    void migrationsAreKeptInNumericOrder() {
        MigrationSet set = MigrationSet.check(List.of(
                declared("10", "repository", "ten", 1),
                declared("1.10", "linked_source", "one_ten", 2),
                declared("2", "repository", "two", 3),
                declared("1.9", "snapshot", "one_nine", 4),
                declared("1", "source_config", "one", 5)));
        assertThat(set.all()).extracting(m -> m.id().spelling()).containsExactly("1", "1.9", "1.10", "2", "10");
    }
}
