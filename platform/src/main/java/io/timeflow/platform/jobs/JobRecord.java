package io.timeflow.platform.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * The row every kind of job keeps, whatever else it records: its id, its state in the one state machine, who asked,
 * and when it was accepted, started and ended (the columns {@code id}, {@code state}, {@code requested_by},
 * {@code created_at}, {@code started_at}, {@code finished_at} of its table). A job entity extends it and moves its
 * state only through {@link #begin} and {@link #end}, which refuse what the state machine does not allow: a start
 * other than from PENDING, an end of a job that already ended, an "end" that is no end.
 */
@MappedSuperclass
public abstract class JobRecord implements Job {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobState state;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** For JPA. */
    protected JobRecord() {
    }

    /** A job accepted at {@code acceptedAt}: PENDING. */
    protected JobRecord(UUID id, String requestedBy, Instant acceptedAt) {
        this.id = id;
        this.requestedBy = requestedBy;
        this.createdAt = acceptedAt;
        this.state = JobState.PENDING;
    }

    /** PENDING → RUNNING: a replica started its work at {@code at}. */
    protected final void begin(Instant at) {
        if (state != JobState.PENDING) {
            throw new IllegalStateException(kind() + " " + id + " is " + state + ", not PENDING: it cannot start");
        }
        this.state = JobState.RUNNING;
        this.startedAt = at;
    }

    /** To one of the ends, at {@code at}, from PENDING or RUNNING. */
    protected final void end(JobState end, Instant at) {
        if (!end.finished()) {
            throw new IllegalArgumentException(end + " is not an end of a job");
        }
        if (state.finished()) {
            throw new IllegalStateException(kind() + " " + id + " already ended " + state + ": it cannot become " + end);
        }
        this.state = end;
        this.finishedAt = at;
    }

    /**
     * Counts the job as started at {@code at} if it has no start yet (a kind whose every end, even one before any
     * work, gives its duration from then).
     */
    protected final void startedNoLaterThan(Instant at) {
        if (startedAt == null) {
            startedAt = at;
        }
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public JobState state() {
        return state;
    }

    @Override
    public String requestedBy() {
        return requestedBy;
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Instant finishedAt() {
        return finishedAt;
    }
}
