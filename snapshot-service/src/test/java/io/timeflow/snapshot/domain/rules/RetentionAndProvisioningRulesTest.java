package io.timeflow.snapshot.domain.rules;

import io.timeflow.platform.problem.Warning;
import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.events.staging.DatabaseStateMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention keeps what a policy says and what a VDB needs, and says why; provisioning is from snapshots only. */
class RetentionAndProvisioningRulesTest {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    static RetentionRule.Candidate snap(int daysOld, String... vdbs) {
        return new RetentionRule.Candidate(UUID.randomUUID(), NOW.minus(Duration.ofDays(daysOld)), List.of(vdbs));
    }

    @Test
    void keepLastKeepsTheNewestNAndDeletesTheRestSayingWhy() {
        var s0 = snap(0);
        var s1 = snap(1);
        var s2 = snap(2);
        var s3 = snap(3);
        var verdicts = RetentionRule.apply("nightly", 2, null, NOW, List.of(s3, s1, s0, s2));
        assertThat(verdicts).extracting(RetentionRule.Verdict::snapshotId)
                .containsExactly(s0.snapshotId(), s1.snapshotId(), s2.snapshotId(), s3.snapshotId());
        assertThat(verdicts).extracting(RetentionRule.Verdict::delete).containsExactly(false, false, true, true);
        assertThat(verdicts.get(2).reason()).contains("#3").contains("keeps the newest 2").contains("nightly");
    }

    @Test
    void keepDaysDeletesOlderSnapshotsButNeverTheNewest() {
        var old = snap(40);
        var older = snap(50);
        var verdicts = RetentionRule.apply("monthly", null, 30, NOW, List.of(old, older));
        assertThat(verdicts).extracting(RetentionRule.Verdict::delete).containsExactly(false, true);
        assertThat(verdicts.get(0).reason()).contains("newest");
        assertThat(verdicts.get(1).reason()).contains("older than the 30 days");
    }

    @Test
    void bothLimitsKeepWhatEitherKeeps() {
        var verdicts = RetentionRule.apply("p", 1, 7, NOW, List.of(snap(0), snap(3), snap(10)));
        assertThat(verdicts).extracting(RetentionRule.Verdict::delete).containsExactly(false, false, true);
    }

    @Test
    void aSnapshotAVdbDependsOnIsNeverDeletedByRetention() {
        var verdicts = RetentionRule.apply("p", 1, null, NOW, List.of(snap(0), snap(5, "sales-dev")));
        assertThat(verdicts.get(1).delete()).isFalse();
        assertThat(verdicts.get(1).reason()).contains("sales-dev");
    }

    @Test
    void withoutLimitsEverythingIsKept() {
        assertThat(RetentionRule.apply("p", null, null, NOW, List.of(snap(0), snap(900))))
                .noneMatch(RetentionRule.Verdict::delete);
    }

    @Test
    void pointInTimeFieldsAreNamed() {
        assertThat(ProvisioningRules.pointInTimeFields(null, null)).isEmpty();
        assertThat(ProvisioningRules.pointInTimeFields("2026-11-23T08:00:00Z", null)).containsExactly("timestamp");
        assertThat(ProvisioningRules.pointInTimeFields("t", "123")).containsExactly("timestamp", "lsn");
    }

    @Test
    void onlineModeNeedsOlderSnapshotsOfAPreviousForkDeletedFirst() {
        var oldFork = new ProvisioningRules.TimeflowSnapshot(UUID.randomUUID(), NOW.minusSeconds(60), "fork-a");
        var empty = new ProvisioningRules.TimeflowSnapshot(UUID.randomUUID(), NOW.minusSeconds(120), null);
        var sameFork = new ProvisioningRules.TimeflowSnapshot(UUID.randomUUID(), NOW.minusSeconds(30), "fork-b");
        var chosen = new ProvisioningRules.TimeflowSnapshot(UUID.randomUUID(), NOW, "fork-b");
        var all = List.of(empty, oldFork, sameFork, chosen);
        assertThat(ProvisioningRules.olderForkSnapshots(DatabaseStateMode.ONLINE, chosen, all))
                .containsExactly(oldFork.snapshotId());
        assertThat(ProvisioningRules.olderForkSnapshots(DatabaseStateMode.RESTORING, chosen, all)).isEmpty();
        assertThat(ProvisioningRules.olderForkSnapshots(DatabaseStateMode.ONLINE, oldFork, all)).isEmpty();
    }

    @Test
    void aReadOnlySourceSnapshotProvisionsWithAWarning() {
        assertThat(ProvisioningRules.warnings(true)).extracting(Warning::code).containsExactly("SOURCE_READ_ONLY_BACKUP");
        assertThat(ProvisioningRules.warnings(false)).isEmpty();
    }

    @Test
    void aCronIsAQuartzExpressionInAZone() {
        assertThat(CronSchedule.check("0 0 2 * * ?", "Europe/Paris")).isEmpty();
        assertThat(CronSchedule.check("0 0 2 * *", "UTC")).get().extracting(CronSchedule.Invalid::field).isEqualTo("cron");
        assertThat(CronSchedule.check("nightly", "UTC")).get().extracting(CronSchedule.Invalid::field).isEqualTo("cron");
        assertThat(CronSchedule.check("0 0 2 * * ?", "Mars/Olympus")).get().extracting(CronSchedule.Invalid::field)
                .isEqualTo("timeZone");
        var next = CronSchedule.of("0 0 2 * * ?", "Europe/Paris").nextRunAfter(NOW).orElseThrow();
        assertThat(next).isEqualTo(Instant.parse("2026-11-24T01:00:00Z"));
    }
}
