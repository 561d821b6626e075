package io.timeflow.platform.jobs;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a {@link WorkerLoop} at once when there is work, instead of at its next poll. A wake that comes while the
 * worker is busy is kept (once) for its next wait, so committed work is never left for the poll interval.
 */
public class WakeSignal {

    private final Semaphore pending = new Semaphore(0);

    public void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits until woken or until the timeout passes; a wake since the last wait ends it at once. */
    public void await(Duration timeout) throws InterruptedException {
        if (pending.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            pending.drainPermits();
        }
    }

    /**
     * Wakes the worker when the current transaction commits (once, however often it is asked in that transaction);
     * not at all if it rolls back, so a worker never looks for work that another transaction cannot see yet.
     */
    public void wakeAfterCommit(TransactionSynchronizationRegistry transactions) {
        if (transactions.getResource(this) != null) {
            return;
        }
        transactions.putResource(this, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }
}
