package io.timeflow.chaos;

import java.util.ArrayList;
import java.util.List;

/** Decides every invariant of the product on a run's history and final state. */
public final class Checker {

    private final List<Invariant> invariants;

    public Checker() {
        this(List.of(new RestoreChainsMatchAcceptedReports(), new OneSnapshotPerBackupPerTimeflow(),
                new EverySnapSyncJobEnds(), new UpgradesAllOrNothing(), new OneBackupPerScheduledFire(),
                new EveryEventConsumedOnce()));
    }

    Checker(List<Invariant> invariants) {
        this.invariants = List.copyOf(invariants);
    }

    public List<Invariant.Verdict> check(History history, FinalState state) {
        List<Invariant.Verdict> verdicts = new ArrayList<>();
        for (Invariant i : invariants) {
            try {
                verdicts.add(i.check(history, state));
            } catch (RuntimeException e) {
                // a checker that cannot decide fails the run: it never passes by accident
                verdicts.add(new Invariant.Verdict(i.name(), 0, List.of(Invariant.Violation.of(
                        "the check itself failed: " + e))));
            }
        }
        return verdicts;
    }
}
