package io.timeflow.staging.domain;

import io.timeflow.platform.problem.Warning;
import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.platform.problem.Problem;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** What each kind of backup must carry, and what the database state mode allows. */
class RestoreRulesTest {

    static final String FORK = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @Test
    void eachTypeOfBackupNeedsItsLsns() {
        var none = new RestoreRules.Lsns(null, null, null, null);
        assertThat(RestoreRules.shape(BackupType.FULL, none, FORK, "backupSet.")).extracting(Problem.FieldError::field)
                .containsExactly("backupSet.firstLsn", "backupSet.lastLsn", "backupSet.checkpointLsn");
        assertThat(RestoreRules.shape(BackupType.DIFFERENTIAL, none, FORK, "")).extracting(Problem.FieldError::field)
                .containsExactly("firstLsn", "lastLsn", "databaseBackupLsn");
        assertThat(RestoreRules.shape(BackupType.LOG, none, FORK, "")).extracting(Problem.FieldError::field)
                .containsExactly("firstLsn", "lastLsn");
        assertThat(RestoreRules.shape(BackupType.BACPAC, none, null, "")).isEmpty();
    }

    @Test
    void aBacpacCarriesNoLsnsAndEveryOtherBackupAFork() {
        var some = new RestoreRules.Lsns(BigInteger.ONE, BigInteger.TWO, null, null);
        assertThat(RestoreRules.shape(BackupType.BACPAC, some, null, "")).extracting(Problem.FieldError::field)
                .containsExactly("firstLsn", "lastLsn");
        assertThat(RestoreRules.shape(BackupType.LOG, some, null, "")).extracting(Problem.FieldError::field)
                .containsExactly("recoveryForkGuid");
    }

    @Test
    void theLastLsnMayNotPrecedeTheFirst() {
        var backwards = new RestoreRules.Lsns(BigInteger.TEN, BigInteger.TWO, null, null);
        assertThat(RestoreRules.shape(BackupType.LOG, backwards, FORK, "")).extracting(Problem.FieldError::field)
                .containsExactly("lastLsn");
    }

    @Test
    void aBacpacImportOnlyIntoAnOnlineDSource() {
        assertThat(RestoreRules.modeAllows(DatabaseStateMode.RESTORING, BackupType.BACPAC, false))
                .get().extracting(LsnChain.Refusal::code).isEqualTo(StagingProblem.BACPAC_REQUIRES_ONLINE_MODE);
        assertThat(RestoreRules.modeAllows(DatabaseStateMode.ONLINE, BackupType.BACPAC, false)).isEmpty();
    }

    @Test
    void restoringModeKeepsTheDatabaseRestoringWithNorecovery() {
        assertThat(RestoreRules.modeAllows(DatabaseStateMode.RESTORING, BackupType.FULL, false))
                .get().extracting(LsnChain.Refusal::code).isEqualTo(StagingProblem.NORECOVERY_REQUIRED);
        assertThat(RestoreRules.modeAllows(DatabaseStateMode.RESTORING, BackupType.LOG, true)).isEmpty();
        assertThat(RestoreRules.modeAllows(DatabaseStateMode.ONLINE, BackupType.FULL, false)).isEmpty();
    }

    @Test
    void aBackupOfAReadOnlySourceWarnsThatProvisioningMayFail() {
        assertThat(RestoreRules.sourceReadOnlyWarning(true)).get().extracting(Warning::code).isEqualTo("SOURCE_READ_ONLY");
        assertThat(RestoreRules.sourceReadOnlyWarning(false)).isEmpty();
    }
}
