package io.timeflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wake-up of a worker; the transaction is a stand-in registry (unit test, no transaction manager). */
@Timeout(20)
class WakeSignalTest {

    private final WakeSignal signal = new WakeSignal();

    @Test
    void aWakeBeforeTheWaitEndsItAtOnceAndManyWakesCountAsOne() throws Exception {
        signal.wake();
        signal.wake();
        signal.await(Duration.ofHours(1));

        long start = System.nanoTime();
        signal.await(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the second wake was not kept")
                .isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void aCommitWakesTheWorkerOnceHoweverOftenTheTransactionAskedAndARollbackDoesNot() throws Exception {
        StandInTransaction committed = new StandInTransaction();
        signal.wakeAfterCommit(committed);
        signal.wakeAfterCommit(committed);
        assertThat(committed.synchronizations).hasSize(1);
        committed.end(Status.STATUS_COMMITTED);
        signal.await(Duration.ofHours(1));

        StandInTransaction rolledBack = new StandInTransaction();
        signal.wakeAfterCommit(rolledBack);
        rolledBack.end(Status.STATUS_ROLLEDBACK);
        long start = System.nanoTime();
        signal.await(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }
}
