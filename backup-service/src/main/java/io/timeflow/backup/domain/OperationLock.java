package io.timeflow.backup.domain;

import io.timeflow.backup.config.BackupConfig;
import io.timeflow.backup.persistence.OperationLockRepository;
import io.timeflow.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * The rule that a backup and a restore never run at the same time (nor two of either): one row in
 * the database, taken in the transaction that creates the job, across replicas. A holder renews it
 * while it works; one that stops (its process died) is recovered by {@link Recovery}.
 */
@ApplicationScoped
public class OperationLock {

    public enum Kind { BACKUP, RESTORE }

    private final OperationLockRepository locks;
    private final BackupConfig config;
    private final String holder = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    public OperationLock(OperationLockRepository locks, BackupConfig config) {
        this.locks = locks;
        this.config = config;
    }

    /** The operation that runs now, if any. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OperationLockRepository.Holder> running() {
        return locks.current(config.lease());
    }

    /** Takes the lock for {@code jobId} or throws 409 OPERATION_IN_PROGRESS naming what runs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire(Kind kind, UUID jobId) {
        Optional<OperationLockRepository.Holder> current = locks.current(config.lease());
        if (current.isPresent()) {
            throw busy(kind, current.get());
        }
        if (!locks.insert(kind.name(), jobId, holder)) {
            throw busy(kind, locks.current(config.lease()).orElse(null));
        }
    }

    /**
     * Takes the lock for {@code jobId} if it is free, in the caller's transaction; otherwise returns the
     * 409 OPERATION_IN_PROGRESS naming what runs, without throwing (the caller's transaction goes on and
     * records the refusal in it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ProblemException> tryAcquire(Kind kind, UUID jobId) {
        Optional<OperationLockRepository.Holder> current = locks.current(config.lease());
        if (current.isPresent()) {
            return Optional.of(busy(kind, current.get()));
        }
        if (!locks.insert(kind.name(), jobId, holder)) {
            return Optional.of(busy(kind, locks.current(config.lease()).orElse(null)));
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
