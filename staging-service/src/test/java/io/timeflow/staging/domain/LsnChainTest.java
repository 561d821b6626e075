package io.timeflow.staging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.events.staging.BackupType;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The restore chain rules of staging push, on plain values: first restore, log continuity, differential base, re-base. */
class LsnChainTest {

    static BigInteger n(String digits) {
        return new BigInteger(digits);
    }

    static LsnChain.Candidate full(String first, String last, String checkpoint, boolean replace) {
        return new LsnChain.Candidate(BackupType.FULL, n(first), n(last), n(checkpoint), null, replace, true);
    }

    static LsnChain.Candidate log(String first, String last) {
        return new LsnChain.Candidate(BackupType.LOG, n(first), n(last), null, null, false, true);
    }

    static LsnChain.Candidate diff(String first, String last, String databaseBackup) {
        return new LsnChain.Candidate(BackupType.DIFFERENTIAL, n(first), n(last), null, n(databaseBackup), false, true);
    }

    /** FULL 100..200 (checkpoint 150), then the chain stands at 200. */
    static LsnChain.State afterFull() {
        return LsnChain.after(LsnChain.State.EMPTY, full("100", "200", "150", true));
    }

    // ---- the first restore

    @Test
    void theFirstRestoreMustBeAFullBackupWithReplace() {
        assertThat(LsnChain.check(LsnChain.State.EMPTY, full("100", "200", "150", true))).isEmpty();
    }

    @Test
    void aFirstFullWithoutReplaceIsRefused() {
        Optional<LsnChain.Refusal> r = LsnChain.check(LsnChain.State.EMPTY, full("100", "200", "150", false));
        assertThat(r).get().extracting(LsnChain.Refusal::code).isEqualTo(StagingProblem.FIRST_RESTORE_MUST_BE_FULL_WITH_REPLACE);
        assertThat(r.get().detail()).contains("without REPLACE");
    }

    @Test
    void aLogOrDifferentialFirstIsRefused() {
        assertThat(LsnChain.check(LsnChain.State.EMPTY, log("100", "200")))
                .get().extracting(LsnChain.Refusal::code).isEqualTo(StagingProblem.FIRST_RESTORE_MUST_BE_FULL_WITH_REPLACE);
        assertThat(LsnChain.check(LsnChain.State.EMPTY, diff("100", "200", "50")))
                .get().extracting(LsnChain.Refusal::code).isEqualTo(StagingProblem.FIRST_RESTORE_MUST_BE_FULL_WITH_REPLACE);
    }

    @Test
    void aBacpacImportMayStartTheDatabase() {
        var bacpac = new LsnChain.Candidate(BackupType.BACPAC, null, null, null, null, false, false);
        assertThat(LsnChain.check(LsnChain.State.EMPTY, bacpac)).isEmpty();
    }

    // ---- the log chain

    @Test
    void aLogAfterALogStartsExactlyWhereThePreviousEnded() {
        LsnChain.State s = LsnChain.after(afterFull(), log("180", "300"));
        assertThat(LsnChain.check(s, log("300", "400"))).isEmpty();
        assertThat(LsnChain.after(s, log("300", "400")).position()).isEqualTo(n("400"));
    }

    @Test
    void aGapIsRefusedNamingTheMissingLsnRange() {
        LsnChain.State s = LsnChain.after(afterFull(), log("180", "300"));
        LsnChain.Refusal r = LsnChain.check(s, log("350", "400")).orElseThrow();
        assertThat(r.code()).isEqualTo(StagingProblem.LSN_CHAIN_BROKEN);
        assertThat(r.context()).containsEntry("missingFromLsn", "300").containsEntry("missingToLsn", "350");
        assertThat(r.detail()).contains("LSN 300 to 350 are missing");
    }

    @Test
    void aLogThatOverlapsThePreviousLogIsRefused() {
        LsnChain.State s = LsnChain.after(afterFull(), log("180", "300"));
        assertThat(LsnChain.check(s, log("250", "400"))).get().extracting(LsnChain.Refusal::code)
                .isEqualTo(StagingProblem.LSN_CHAIN_OVERLAP);
    }

    @Test
    void aLogAlreadyAppliedIsRefused() {
        LsnChain.State s = LsnChain.after(afterFull(), log("180", "300"));
        assertThat(LsnChain.check(s, log("180", "300"))).get().extracting(LsnChain.Refusal::code)
                .isEqualTo(StagingProblem.BACKUP_ALREADY_APPLIED);
    }

    @Test
    void theFirstLogAfterAFullMustContainTheFullsLastLsn() {
        // log backups taken while the full ran overlap its range: 180..300 contains 200
        assertThat(LsnChain.check(afterFull(), log("180", "300"))).isEmpty();
        assertThat(LsnChain.check(afterFull(), log("200", "300"))).isEmpty();
        LsnChain.Refusal gap = LsnChain.check(afterFull(), log("201", "300")).orElseThrow();
        assertThat(gap.code()).isEqualTo(StagingProblem.LSN_CHAIN_BROKEN);
        assertThat(gap.context()).containsEntry("missingFromLsn", "200").containsEntry("missingToLsn", "201");
        assertThat(LsnChain.check(afterFull(), log("100", "200"))).get().extracting(LsnChain.Refusal::code)
                .isEqualTo(StagingProblem.BACKUP_ALREADY_APPLIED);
    }

    @Test
    void lsnsAreComparedAsNumbersNotAsText() {
        // as text "99" > "100"; as numbers the chain holds
        LsnChain.State s = LsnChain.after(LsnChain.State.EMPTY, full("10", "99", "50", true));
        assertThat(LsnChain.check(s, log("99", "100"))).isEmpty();
        // 25-digit LSNs, beyond a long
        String a = "9999999999999999999999998";
        String b = "9999999999999999999999999";
        LsnChain.State big = LsnChain.after(LsnChain.State.EMPTY, full("1", a, "1", true));
        assertThat(LsnChain.check(big, log(a, b))).isEmpty();
    }

    @Test
    void noLogAfterARestoreThatRecoveredTheDatabase() {
        var recovered = new LsnChain.Candidate(BackupType.FULL, n("100"), n("200"), n("150"), null, true, false);
        LsnChain.State s = LsnChain.after(LsnChain.State.EMPTY, recovered);
        assertThat(LsnChain.check(s, log("180", "300"))).get().extracting(LsnChain.Refusal::code)
                .isEqualTo(StagingProblem.DATABASE_RECOVERED);
    }

    @Test
    void noLogAfterABacpacImport() {
        var bacpac = new LsnChain.Candidate(BackupType.BACPAC, null, null, null, null, false, false);
        LsnChain.State s = LsnChain.after(LsnChain.State.EMPTY, bacpac);
        assertThat(LsnChain.check(s, log("180", "300"))).get().extracting(LsnChain.Refusal::code)
                .isEqualTo(StagingProblem.NO_FULL_BACKUP_BASE);
    }

    // ---- the differential

    @Test
    void aDifferentialBelongsToTheLastFullRestored() {
        assertThat(LsnChain.check(afterFull(), diff("400", "500", "150"))).isEmpty();
    }

    @Test
    void aDifferentialOfAnotherFullIsRefusedNamingBothCheckpoints() {
        LsnChain.Refusal r = LsnChain.check(afterFull(), diff("400", "500", "149")).orElseThrow();
        assertThat(r.code()).isEqualTo(StagingProblem.DIFFERENTIAL_BASE_MISMATCH);
        assertThat(r.context()).containsEntry("databaseBackupLsn", "149").containsEntry("baseCheckpointLsn", "150");
    }

    @Test
    void aDifferentialOlderThanTheLogsAlreadyRestoredIsRefused() {
        LsnChain.State s = LsnChain.after(afterFull(), log("180", "600"));
        assertThat(LsnChain.check(s, diff("400", "500", "150"))).get().extracting(LsnChain.Refusal::code)
                .isEqualTo(StagingProblem.BACKUP_ALREADY_APPLIED);
    }

    @Test
    void aDifferentialMovesTheChainSoTheNextLogFollowsIt() {
        LsnChain.State s = LsnChain.after(afterFull(), diff("400", "500", "150"));
        assertThat(s.position()).isEqualTo(n("500"));
        assertThat(s.baseCheckpointLsn()).isEqualTo(n("150"));
        assertThat(LsnChain.check(s, log("450", "600"))).isEmpty();
    }

    // ---- after a storage resume

    @Test
    void afterAStorageResumeALogIsRefusedExplainingMsg4320() {
        LsnChain.State s = afterFull().withLogRestoreNeedsRebase(true);
        LsnChain.Refusal r = LsnChain.check(s, log("180", "300")).orElseThrow();
        assertThat(r.code()).isEqualTo(StagingProblem.LOG_RESTORE_NEEDS_REBASE);
        assertThat(r.detail()).contains("Msg 4320").contains("FULL or DIFFERENTIAL");
    }

    @Test
    void afterAStorageResumeADifferentialOrAFullReBasesTheDatabase() {
        LsnChain.State s = afterFull().withLogRestoreNeedsRebase(true);
        assertThat(LsnChain.check(s, diff("400", "500", "150"))).isEmpty();
        LsnChain.State rebased = LsnChain.after(s, diff("400", "500", "150"));
        assertThat(rebased.logRestoreNeedsRebase()).isFalse();
        assertThat(LsnChain.check(rebased, log("500", "600"))).isEmpty();

        LsnChain.State byFull = LsnChain.after(s, full("700", "800", "750", false));
        assertThat(byFull.logRestoreNeedsRebase()).isFalse();
    }

    @Test
    void afterAStorageResumeALogDoesNotClearTheNeedToReBase() {
        LsnChain.State s = afterFull().withLogRestoreNeedsRebase(true);
        assertThat(LsnChain.after(s, log("180", "300")).logRestoreNeedsRebase()).isTrue();
    }

    @Test
    void aLaterFullReBasesTheChainWithoutReplace() {
        LsnChain.State s = LsnChain.after(afterFull(), log("180", "300"));
        assertThat(LsnChain.check(s, full("900", "1000", "950", false))).isEmpty();
        LsnChain.State rebased = LsnChain.after(s, full("900", "1000", "950", false));
        assertThat(rebased.baseCheckpointLsn()).isEqualTo(n("950"));
        assertThat(rebased.position()).isEqualTo(n("1000"));
    }
}
