package io.timeflow.snapshot.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DatabaseStateMode;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Timeflows follow the recovery fork in RESTORING mode only; a backup is identified by its LSN range and fork. */
class TimeflowAndBackupRulesTest {

    static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String B = "bbbbbbbb-0000-0000-0000-000000000002";

    @Test
    void restoringModeStartsANewTimeflowWhenTheRecoveryForkChanges() {
        assertThat(TimeflowRule.forBackup(DatabaseStateMode.RESTORING, A, A)).isEqualTo(TimeflowRule.Change.SAME);
        assertThat(TimeflowRule.forBackup(DatabaseStateMode.RESTORING, A, A.toUpperCase()))
                .isEqualTo(TimeflowRule.Change.SAME);
        assertThat(TimeflowRule.forBackup(DatabaseStateMode.RESTORING, A, B)).isEqualTo(TimeflowRule.Change.NEW_TIMEFLOW);
        assertThat(TimeflowRule.forBackup(DatabaseStateMode.RESTORING, null, B)).isEqualTo(TimeflowRule.Change.ADOPT_FORK);
        assertThat(TimeflowRule.forBackup(DatabaseStateMode.RESTORING, A, null)).isEqualTo(TimeflowRule.Change.SAME);
    }

    @Test
    void onlineModeFollowsASingleTimeflowWhateverTheFork() {
        assertThat(TimeflowRule.forBackup(DatabaseStateMode.ONLINE, A, B)).isEqualTo(TimeflowRule.Change.SAME);
        assertThat(TimeflowRule.forBackup(DatabaseStateMode.ONLINE, null, B)).isEqualTo(TimeflowRule.Change.ADOPT_FORK);
    }

    static RestoredBackup lsn(String restoreId, BackupType type, long first, long last, String fork) {
        return new RestoredBackup(restoreId, type, "\\\\h\\" + restoreId, BigInteger.valueOf(first),
                BigInteger.valueOf(last), BigInteger.valueOf(first), null, fork, Instant.EPOCH, Instant.EPOCH, false);
    }

    @Test
    void theSameBackupRestoredTwiceIsOneBackupAndAnotherRangeOrForkIsAnother() {
        assertThat(lsn("r1", BackupType.FULL, 1, 5, A).key()).isEqualTo(lsn("r2", BackupType.FULL, 1, 5, A).key());
        assertThat(lsn("r1", BackupType.FULL, 1, 5, A).key()).isNotEqualTo(lsn("r1", BackupType.FULL, 1, 6, A).key());
        assertThat(lsn("r1", BackupType.FULL, 1, 5, A).key()).isNotEqualTo(lsn("r1", BackupType.FULL, 1, 5, B).key());
        assertThat(lsn("r1", BackupType.FULL, 1, 5, A).key()).isNotEqualTo(lsn("r1", BackupType.LOG, 1, 5, A).key());
    }

    @Test
    void aBacpacImportWithoutLsnsIsIdentifiedByItsFileAndExportTime() {
        var one = new RestoredBackup("r1", BackupType.BACPAC, "\\\\h\\db.bacpac", null, null, null, null, null,
                Instant.EPOCH, Instant.parse("2026-11-23T08:00:00Z"), false);
        var again = new RestoredBackup("r2", BackupType.BACPAC, "\\\\h\\db.bacpac", null, null, null, null, null,
                Instant.EPOCH, Instant.parse("2026-11-23T08:00:00Z"), false);
        var newer = new RestoredBackup("r3", BackupType.BACPAC, "\\\\h\\db.bacpac", null, null, null, null, null,
                Instant.EPOCH, Instant.parse("2026-11-24T08:00:00Z"), false);
        assertThat(one.key()).isEqualTo(again.key()).isNotEqualTo(newer.key());
    }

    @Test
    void snapshotTimesAreShownInTheStagingHostsZone() {
        Instant at = Instant.parse("2026-07-01T12:00:00Z");
        assertThat(StagingTime.local(at, "Europe/Paris").toString()).isEqualTo("2026-07-01T14:00+02:00");
        assertThat(StagingTime.local(at, "Asia/Kolkata").toString()).isEqualTo("2026-07-01T17:30+05:30");
        assertThat(StagingTime.local(at, "Not/AZone").toString()).isEqualTo("2026-07-01T12:00Z");
    }
}
