package io.timeflow.snapshot.domain.rules;

import io.timeflow.platform.problem.Warning;
import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.snapshot.domain.rules.SnapSyncDecision.Trigger;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SnapSync criteria of the staging-push rules, decided without a database. */
class SnapSyncDecisionTest {

    static final List<PrerequisiteResult> ALL_PASS = SnapSyncPrerequisites.evaluate(
            SnapSyncPrerequisitesTest.ready(DatabaseStateMode.RESTORING));
    static final String FORK = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    static RestoredBackup backup(String restoreId, String fork, long first, long last, boolean readOnly) {
        return new RestoredBackup(restoreId, BackupType.LOG, "\\\\h\\b.trn", BigInteger.valueOf(first),
                BigInteger.valueOf(last), BigInteger.valueOf(first), BigInteger.ONE, fork, Instant.EPOCH,
                Instant.EPOCH, readOnly);
    }

    static SnapSyncDecision.Outcome decide(Trigger trigger, List<PrerequisiteResult> prerequisites,
            Optional<RestoredBackup> last, DatabaseStateMode mode, String currentFork, Map<String, UUID> existing) {
        return SnapSyncDecision.decide(trigger, prerequisites, last, Optional.empty(), mode, currentFork,
                key -> Optional.ofNullable(existing.get(key)));
    }

    @Test
    void aFailingPrerequisiteFailsTheJobNamingTheFirstAndListingAll() {
        var view = new StagingView(DatabaseStateMode.RESTORING, true, true, false,
                io.timeflow.events.staging.DatabaseState.ONLINE, false, false, true, Optional.empty(),
                java.util.Set.of("CANNOT_MONITOR"), Optional.empty());
        var outcome = decide(Trigger.REQUEST, SnapSyncPrerequisites.evaluate(view),
                Optional.of(backup("r", FORK, 1, 2, false)), DatabaseStateMode.RESTORING, FORK, Map.of());
        assertThat(outcome).isInstanceOf(SnapSyncDecision.Fail.class);
        var fail = (SnapSyncDecision.Fail) outcome;
        assertThat(fail.code()).isEqualTo(Prerequisite.DATA_MOUNTED);
        assertThat(fail.failedPrerequisites()).containsExactly(Prerequisite.DATA_MOUNTED, Prerequisite.STATE_MATCHES_MODE);
    }

    @Test
    void noRestoredBackupSkipsWithNoBackupFoundExceptAtLinkWhereTheEmptyDatabaseIsTaken() {
        var skip = decide(Trigger.REQUEST, ALL_PASS, Optional.empty(), DatabaseStateMode.RESTORING, null, Map.of());
        assertThat(skip).isInstanceOfSatisfying(SnapSyncDecision.Skip.class,
                s -> assertThat(s.code()).isEqualTo(SnapSyncCode.NO_BACKUP_FOUND));
        var policy = decide(Trigger.POLICY, ALL_PASS, Optional.empty(), DatabaseStateMode.RESTORING, null, Map.of());
        assertThat(policy).isInstanceOf(SnapSyncDecision.Skip.class);
        var link = decide(Trigger.LINK, ALL_PASS, Optional.empty(), DatabaseStateMode.RESTORING, null, Map.of());
        assertThat(link).isInstanceOfSatisfying(SnapSyncDecision.Take.class, t -> assertThat(t.backup()).isEmpty());
    }

    @Test
    void aSnapshotOfTheBackupInTheCurrentTimeflowSkipsNamingIt() {
        RestoredBackup b = backup("r2", FORK, 10, 20, false);
        UUID existing = UUID.randomUUID();
        var outcome = decide(Trigger.REQUEST, ALL_PASS, Optional.of(b), DatabaseStateMode.RESTORING, FORK,
                Map.of(b.key(), existing));
        assertThat(outcome).isInstanceOfSatisfying(SnapSyncDecision.Skip.class, s -> {
            assertThat(s.code()).isEqualTo(SnapSyncCode.SNAPSHOT_EXISTS_FOR_BACKUP);
            assertThat(s.existingSnapshotId()).isEqualTo(existing);
            assertThat(s.message()).contains(existing.toString());
        });
    }

    @Test
    void aBackupOfANewForkIsTakenOnANewTimeflowEvenIfAnOldTimeflowHeldIt() {
        RestoredBackup b = backup("r3", "11111111-2222-3333-4444-555555555555", 10, 20, false);
        var outcome = decide(Trigger.REQUEST, ALL_PASS, Optional.of(b), DatabaseStateMode.RESTORING, FORK,
                Map.of(b.key(), UUID.randomUUID()));
        assertThat(outcome).isInstanceOfSatisfying(SnapSyncDecision.Take.class,
                t -> assertThat(t.timeflowChange()).isEqualTo(TimeflowRule.Change.NEW_TIMEFLOW));
    }

    @Test
    void aReadOnlySourceBackupIsTakenWithTheWarning() {
        var outcome = decide(Trigger.REQUEST, ALL_PASS, Optional.of(backup("r", FORK, 1, 2, true)),
                DatabaseStateMode.RESTORING, FORK, Map.of());
        assertThat(outcome).isInstanceOfSatisfying(SnapSyncDecision.Take.class,
                t -> assertThat(t.warnings()).extracting(Warning::code).containsExactly("SOURCE_READ_ONLY_BACKUP"));
    }

    @Test
    void aPinnedRestoreThatIsNoLongerTheLastFails() {
        var outcome = SnapSyncDecision.decide(Trigger.REQUEST, ALL_PASS, Optional.of(backup("r9", FORK, 1, 2, false)),
                Optional.of("r8"), DatabaseStateMode.RESTORING, FORK, key -> Optional.empty());
        assertThat(outcome).isInstanceOfSatisfying(SnapSyncDecision.Fail.class,
                f -> assertThat(f.code()).isEqualTo(SnapSyncCode.BACKUP_NOT_LAST_RESTORED));
    }
}
