package io.timeflow.platform.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * What every long operation of the suite is, whatever its kind: its id, its kind, its state in the one state machine
 * ({@link JobState}), who asked for it, and when it was accepted, started and ended. A SnapSync, a plugin upgrade, a
 * backup and a restore each keep their own steps, results and warnings beside this; what reads jobs across kinds
 * ({@link JobMetrics}) reads only this.
 */
public interface Job {

    UUID id();

    /** The kind, as metrics tag it: {@code snapsync}, {@code plugin-upgrade}, {@code backup}, {@code restore}. */
    String kind();

    JobState state();

    /** The subject of whoever asked for it, or the name of what started it (a schedule, a link). */
    String requestedBy();

    /** When it was accepted (answered 202, or fired by a schedule). */
    Instant createdAt();

    /** When a replica started its work; null while PENDING, and for a job that ended before any work. */
    Instant startedAt();

    /** When it ended; null until it has. */
    Instant finishedAt();
}
