package io.timeflow.snapshot.domain.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Which snapshots of a dSource a sync policy's retention deletes, and why. A snapshot is kept when
 * any of these holds, and deleted otherwise:
 * <ul>
 * <li>it is the dSource's newest snapshot (a dSource is never left without one);</li>
 * <li>it is among the newest {@code keepLast} (when the policy sets it);</li>
 * <li>it is younger than {@code keepDays} days (when the policy sets it);</li>
 * <li>a VDB depends on it.</li>
 * </ul>
 * A policy that sets neither limit keeps everything.
 */
public final class RetentionRule {

    /** A snapshot as retention sees it. */
    public record Candidate(UUID snapshotId, Instant takenAt, List<String> dependantVdbs) {
    }

    /** The verdict on one snapshot: deleted or kept, and the reason in words. */
    public record Verdict(UUID snapshotId, boolean delete, String reason) {
    }

    private RetentionRule() {
    }

    public static List<Verdict> apply(String policyName, Integer keepLast, Integer keepDays, Instant now,
            List<Candidate> snapshots) {
        List<Candidate> newestFirst = new ArrayList<>(snapshots);
        newestFirst.sort(Comparator.comparing(Candidate::takenAt).reversed().thenComparing(Candidate::snapshotId));
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Candidate c = newestFirst.get(i);
            int rank = i + 1;
            if (keepLast == null && keepDays == null) {
                verdicts.add(new Verdict(c.snapshotId(), false, "policy " + policyName + " sets no retention limit"));
            } else if (rank == 1) {
                verdicts.add(new Verdict(c.snapshotId(), false, "the newest snapshot of the dSource is always kept"));
            } else if (keepLast != null && rank <= keepLast) {
                verdicts.add(new Verdict(c.snapshotId(), false,
                        "among the newest " + keepLast + " snapshots policy " + policyName + " keeps (#" + rank + ")"));
            } else if (keepDays != null && c.takenAt().isAfter(now.minus(Duration.ofDays(keepDays)))) {
                verdicts.add(new Verdict(c.snapshotId(), false,
                        "younger than the " + keepDays + " days policy " + policyName + " keeps"));
            } else if (!c.dependantVdbs().isEmpty()) {
                verdicts.add(new Verdict(c.snapshotId(), false,
                        "past retention of policy " + policyName + " but kept: VDBs depend on it " + c.dependantVdbs()));
            } else {
                verdicts.add(new Verdict(c.snapshotId(), true, deletionReason(policyName, keepLast, keepDays, rank)));
            }
        }
        return verdicts;
    }

    private static String deletionReason(String policyName, Integer keepLast, Integer keepDays, int rank) {
        List<String> why = new ArrayList<>();
        if (keepLast != null) {
            why.add("it is #" + rank + " from the newest and policy " + policyName + " keeps the newest " + keepLast);
        }
        if (keepDays != null) {
            why.add("it is older than the " + keepDays + " days policy " + policyName + " keeps");
        }
        return String.join(", and ", why);
    }
}
