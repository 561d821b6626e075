package io.timeflow.backup.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The schedule's retention: of the scheduled backups that succeeded, keep the newest N (by the time
 * of their snapshot, then id); the others are deleted. Manual, uploaded and safety backups are
 * the operator's and never counted or deleted by it, and so are the entries a restore brought from
 * another installation's catalogue (their archives are that installation's: ADR 91).
 */
public final class RetentionPolicy {

    /** A backup as retention sees it. */
    public record Candidate(UUID id, Instant takenAt) {
    }

    /** The scheduled backups retention counts: those whose archive this installation's store holds. */
    public static List<Candidate> candidates(List<Backup> storedScheduled, UUID installation) {
        return storedScheduled.stream().filter(b -> installation.equals(b.installationId()))
                .map(b -> new Candidate(b.id(), b.snapshotAt())).toList();
    }

    private RetentionPolicy() {
    }

    /** The backups to delete so that exactly {@code keep} remain (all of them when fewer). */
    public static List<UUID> toDelete(List<Candidate> scheduled, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("retention must keep at least one backup");
        }
        return scheduled.stream()
                .sorted(Comparator.comparing(Candidate::takenAt).thenComparing(Candidate::id).reversed())
                .skip(keep)
                .map(Candidate::id)
                .toList();
    }
}
