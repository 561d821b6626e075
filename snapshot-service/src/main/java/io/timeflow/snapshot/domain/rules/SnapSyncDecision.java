package io.timeflow.snapshot.domain.rules;

import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.platform.jobs.JobCode;
import io.timeflow.platform.problem.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SnapSync criteria of the staging-push rules, as one pure decision:
 * <ol>
 * <li>every prerequisite must hold, else the job FAILS naming the first that does not;</li>
 * <li>the last restored backup is fetched; none → SKIPPED with {@code NO_BACKUP_FOUND} (except the
 * first snapshot at link, which is of the empty database);</li>
 * <li>a snapshot of that backup already in the current timeflow → SKIPPED with
 * {@code SNAPSHOT_EXISTS_FOR_BACKUP}, naming it;</li>
 * <li>otherwise a snapshot is taken, on a new timeflow when the {@link TimeflowRule} says so, with a
 * warning when the backup came from a read-only source.</li>
 * </ol>
 */
public final class SnapSyncDecision {

    /** What started the SnapSync. */
    public enum Trigger { LINK, REQUEST, POLICY }

    /** The outcome of a decision. */
    public sealed interface Outcome permits Fail, Skip, Take {
    }

    /** The job fails: {@code code} is the first failing {@link Prerequisite} or a {@link SnapSyncCode}. */
    public record Fail(JobCode code, String reason, List<Prerequisite> failedPrerequisites) implements Outcome {
    }

    /** The job is skipped with a warning of this code. */
    public record Skip(SnapSyncCode code, String message, UUID existingSnapshotId) implements Outcome {
    }

    /** A snapshot is taken of {@code backup} (empty: the empty database at link). */
    public record Take(Optional<RestoredBackup> backup, TimeflowRule.Change timeflowChange, List<Warning> warnings)
            implements Outcome {
    }

    private SnapSyncDecision() {
    }

    /**
     * @param trigger            what started it
     * @param prerequisites      the verdicts of {@link SnapSyncPrerequisites#evaluate}
     * @param lastRestored       the last restored backup, if any
     * @param requestedRestoreId the restore the caller asked to snapshot, if it named one
     * @param mode               the dSource's database state mode
     * @param currentFork        the recovery fork of the current timeflow (null when it has none yet)
     * @param snapshotInCurrentTimeflow finds the snapshot holding a backup key in the current timeflow
     */
    public static Outcome decide(Trigger trigger, List<PrerequisiteResult> prerequisites,
            Optional<RestoredBackup> lastRestored, Optional<String> requestedRestoreId, DatabaseStateMode mode,
            String currentFork, Function<String, Optional<UUID>> snapshotInCurrentTimeflow) {
        List<Prerequisite> failed = prerequisites.stream().filter(r -> !r.passed()).map(PrerequisiteResult::prerequisite)
                .toList();
        if (!failed.isEmpty()) {
            PrerequisiteResult first = SnapSyncPrerequisites.firstFailure(prerequisites).orElseThrow();
            return new Fail(first.prerequisite(), first.detail(), failed);
        }
        if (lastRestored.isEmpty()) {
            if (trigger == Trigger.LINK) {
                return new Take(Optional.empty(), TimeflowRule.Change.SAME, List.of());
            }
            return new Skip(SnapSyncCode.NO_BACKUP_FOUND,
                    "no restored backup was found for the dSource: restore a backup into the staging database first",
                    null);
        }
        RestoredBackup backup = lastRestored.get();
        if (requestedRestoreId.isPresent() && !requestedRestoreId.get().equalsIgnoreCase(backup.restoreId())) {
            return new Fail(SnapSyncCode.BACKUP_NOT_LAST_RESTORED, "restore " + requestedRestoreId.get()
                    + " is no longer the last restored backup (restore " + backup.restoreId() + " is)", List.of());
        }
        TimeflowRule.Change change = TimeflowRule.forBackup(mode, currentFork, backup.recoveryForkGuid());
        if (change != TimeflowRule.Change.NEW_TIMEFLOW) {
            Optional<UUID> existing = snapshotInCurrentTimeflow.apply(backup.key());
            if (existing.isPresent()) {
                return new Skip(SnapSyncCode.SNAPSHOT_EXISTS_FOR_BACKUP, "snapshot " + existing.get()
                        + " already holds the last restored backup (restore " + backup.restoreId()
                        + ") in the current timeflow", existing.get());
            }
        }
        List<Warning> warnings = new ArrayList<>();
        if (backup.sourceReadOnly()) {
            warnings.add(Warnings.sourceReadOnly());
        }
        return new Take(Optional.of(backup), change, List.copyOf(warnings));
    }
}
