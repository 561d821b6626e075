package io.timeflow.backup.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.backup.persistence.OperationLockRepository;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The rule that a backup and a restore never run at the same time (nor two of either): one row in
 * the database, taken in the transaction that creates the job, across replicas. The job's lease
 * ({@link JobLeases}, taken before that transaction and held until the job's end is recorded) says that
 * its replica is alive; a job whose lease nobody holds lost its replica, and {@link Recovery} ends it
 * (ADR 0158).
 */
@ApplicationScoped
public class OperationLock {

    public enum Kind { BACKUP, RESTORE }

    /** The leases of backups and restores (one space: they hold one lock); the namespace "TFBR" of their locks. */
    public static final JobLeases.Space LEASES = new JobLeases.Space("backup-restore", 0x54464252);

    private final OperationLockRepository locks;
    private final JobLeases leases;
    private final String holder = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    public OperationLock(OperationLockRepository locks, JobLeases leases) {
        this.locks = locks;
        this.leases = leases;
    }

    /** A job accepted under the lock: what {@code record} returned, and the job's lease, which the job now owns. */
    public record Accepted<T>(T job, JobLeases.Lease lease) {
    }

    /**
     * Accepts a job of {@code kind}: takes its lease, then, in one transaction of its own, the lock (409
     * OPERATION_IN_PROGRESS while another backup or restore runs) and whatever {@code record} writes. When that
     * fails, the lease is freed and nothing was written.
     */
    public <T> Accepted<T> accept(Kind kind, UUID jobId, Supplier<T> record) {
        JobLeases.Lease lease = lease(jobId);
        try {
            T job = QuarkusTransaction.requiringNew().call(() -> {
                acquire(kind, jobId);
                return record.get();
            });
            return new Accepted<>(job, lease);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** The lease of a new job, taken before the job is recorded; the caller closes it once the job's end is. */
    public JobLeases.Lease lease(UUID jobId) {
        return leases.take(LEASES, jobId);
    }

    /** The lease of a job whose replica stopped, now the caller's; empty while a live replica holds it. */
    public Optional<JobLeases.Lease> takeIfAbandoned(UUID jobId) {
        return leases.takeIfAbandoned(LEASES, jobId);
    }

    /** Whether the replica running the job is alive (it holds the job's lease). */
    public boolean isLive(UUID jobId) {
        return leases.isHeld(LEASES, jobId);
    }

    /** The operation that runs now, if any. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OperationLockRepository.Holder> running() {
        return locks.current();
    }

    /** Takes the lock for {@code jobId} or throws 409 OPERATION_IN_PROGRESS naming what runs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire(Kind kind, UUID jobId) {
        Optional<OperationLockRepository.Holder> current = locks.current();
        if (current.isPresent()) {
            throw busy(kind, current.get());
        }
        if (!locks.insert(kind.name(), jobId, holder)) {
            throw busy(kind, locks.current().orElse(null));
        }
    }

    /**
     * Takes the lock for {@code jobId} if it is free, in the caller's transaction; otherwise returns the
     * 409 OPERATION_IN_PROGRESS naming what runs, without throwing (the caller's transaction goes on and
     * records the refusal in it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ProblemException> tryAcquire(Kind kind, UUID jobId) {
        Optional<OperationLockRepository.Holder> current = locks.current();
        if (current.isPresent()) {
            return Optional.of(busy(kind, current.get()));
        }
        if (!locks.insert(kind.name(), jobId, holder)) {
            return Optional.of(busy(kind, locks.current().orElse(null)));
        }
        return Optional.empty();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID jobId) {
        locks.release(jobId);
    }

    public String holder() {
        return holder;
    }

    static ProblemException busy(Kind wanted, OperationLockRepository.Holder running) {
        String what = wanted == Kind.BACKUP ? "a backup" : "a restore";
        if (running == null) {
            return ProblemException.of(BackupProblem.OPERATION_IN_PROGRESS,
                    what + " cannot start while another backup or restore runs");
        }
        return ProblemException.of(BackupProblem.OPERATION_IN_PROGRESS, what + " cannot start while "
                        + running.kind().toLowerCase(java.util.Locale.ROOT) + " " + running.jobId()
                        + " runs: backups and restores run one at a time")
                .with("runningKind", running.kind())
                .with("runningId", running.jobId().toString());
    }
}
