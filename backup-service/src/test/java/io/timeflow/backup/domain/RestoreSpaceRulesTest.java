package io.timeflow.backup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.platform.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The free-space rule of restores (ADR 93): what loading a backup beside the live schemas needs, and the refusal. */
class RestoreSpaceRulesTest {

    static Backup stored(long archiveBytes, Long dataBytes, Long databaseBytes) {
        Backup b = new Backup(UUID.randomUUID(), Trigger.MANUAL, "someone", Instant.now(), UUID.randomUUID());
        b.started(Instant.now());
        b.succeeded(Instant.now(), Instant.now(), "local", "x.tfbk", archiveBytes, "0.1.0", 1, "k", "d", 10, List.of());
        b.archiveSizes(dataBytes, databaseBytes);
        return b;
    }

    @Test
    void loadingNeedsWhatTheBackupsSchemasTookOnDiskPlusTheMargin() {
        assertThat(RestoreSpace.needed(stored(100, 400L, 1000L), 0.10).bytes()).isEqualTo(1100);
        assertThat(RestoreSpace.needed(stored(100, 400L, 1000L), 0.10).basis()).contains("on disk").contains("10%");
    }

    @Test
    void archivesOfEarlierVersionsAreEstimatedHighFromTheirDataOrTheirSize() {
        assertThat(RestoreSpace.needed(stored(100, 400L, null), 0.0).bytes()).isEqualTo(800);
        assertThat(RestoreSpace.needed(stored(100, null, null), 0.0).bytes()).isEqualTo(1200);
    }

    @Test
    void aRestoreThatDoesNotFitIsRefusedNamingBothFigures() {
        Backup b = stored(100, 400L, 2L * 1024 * 1024 * 1024);
        RestoreSpace.Need need = RestoreSpace.needed(b, 0.10);
        assertThatThrownBy(() -> RestoreSpace.require(b, need, OptionalLong.of(512L * 1024 * 1024), "on the volume of /data"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("INSUFFICIENT_DATABASE_SPACE");
                    assertThat(e.getMessage()).contains("2.2 GiB").contains("512.0 MiB").contains("on the volume of /data")
                            .contains(b.id().toString());
                });
        RestoreSpace.require(b, need, OptionalLong.of(need.bytes()), "enough");
        RestoreSpace.require(b, need, OptionalLong.empty(), "not checked");
    }
}
