package io.timeflow.backup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.platform.problem.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention keeps exactly the newest N scheduled backups; a cron is five fields or Quartz's form. */
class ScheduleRulesTest {

    @Test
    void retentionKeepsExactlyTheNewestN() {
        List<RetentionPolicy.Candidate> all = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            all.add(new RetentionPolicy.Candidate(UUID.randomUUID(), Instant.parse("2026-11-01T02:00:00Z").plusSeconds(86_400L * i)));
        }
        List<UUID> doomed = RetentionPolicy.toDelete(all, 10);
        assertThat(doomed).hasSize(3).containsExactlyInAnyOrder(all.get(0).id(), all.get(1).id(), all.get(2).id());
        assertThat(RetentionPolicy.toDelete(all.subList(0, 4), 10)).isEmpty();
        assertThat(RetentionPolicy.toDelete(all, 1)).hasSize(12).doesNotContain(all.get(12).id());
        assertThatThrownBy(() -> RetentionPolicy.toDelete(all, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFiveFieldCronBecomesQuartzForm() {
        assertThat(CronRule.toQuartz("0 2 * * *")).isEqualTo("0 0 2 * * ?");
        assertThat(CronRule.toQuartz("30 1 * * 1-5")).isEqualTo("0 30 1 ? * 2-6");
        assertThat(CronRule.toQuartz("0 3 * * 0")).isEqualTo("0 0 3 ? * 1");
        assertThat(CronRule.toQuartz("0 3 * * */2")).isEqualTo("0 0 3 ? * */2");
        assertThat(CronRule.toQuartz("0 4 1 * *")).isEqualTo("0 0 4 1 * ?");
        assertThat(CronRule.toQuartz("0 0 2 * * ?")).isEqualTo("0 0 2 * * ?");
    }

    @Test
    void aBadCronIsA400NamingTheField() {
        for (String bad : new String[] {"", "every night", "0 2 * *", "61 2 * * *", "0 2 1 * 1", "0 2 * * 9"}) {
            assertThatThrownBy(() -> CronRule.toQuartz(bad)).as(bad)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.errors()).extracting(f -> f.field()).containsExactly("cron");
                    });
        }
    }

    @Test
    void aRestoreNeedsTheBackupIdRepeatedAsConfirmation() {
        String id = UUID.randomUUID().toString();
        RestoreConfirmation.require(id, id);
        RestoreConfirmation.require(id, " " + id.toUpperCase() + " ");
        for (String bad : new String[] {null, "", "yes", UUID.randomUUID().toString()}) {
            assertThatThrownBy(() -> RestoreConfirmation.require(id, bad))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.code()).isEqualTo("CONFIRMATION_REQUIRED");
                        assertThat(e.errors()).extracting(f -> f.field()).containsExactly("confirm");
                    });
        }
    }

    @Test
    void tablesAreOrderedParentsFirst() {
        var order = io.timeflow.backup.engine.Catalog.foreignKeyOrder(
                new java.util.TreeSet<>(List.of("a_child", "b_parent", "c_grandchild", "d_alone")),
                java.util.Map.of("a_child", java.util.Set.of("b_parent"), "c_grandchild", java.util.Set.of("a_child")));
        assertThat(order.indexOf("b_parent")).isLessThan(order.indexOf("a_child"));
        assertThat(order.indexOf("a_child")).isLessThan(order.indexOf("c_grandchild"));
        assertThat(order).hasSize(4);
    }

    @Test
    void retentionNeverCountsNorDeletesTheEntriesARestoreBroughtFromAnotherInstallation() {
        UUID here = UUID.randomUUID();
        Backup mine = stored(here);
        Backup theirs = stored(UUID.randomUUID());
        assertThat(RetentionPolicy.candidates(List.of(mine, theirs), here)).extracting(RetentionPolicy.Candidate::id)
                .containsExactly(mine.id());
    }

    static Backup stored(UUID installation) {
        Backup b = new Backup(UUID.randomUUID(), Trigger.SCHEDULED, "system", Instant.now(), installation);
        b.started(Instant.now());
        b.succeeded(Instant.now(), Instant.now(), "local", "k", 1, "0.1.0", 1, "f", "d", 1, List.of());
        return b;
    }
}
