package io.timeflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Transaction committed = new Transaction();
        signal.wakeAfterCommit(committed);
        signal.wakeAfterCommit(committed);
        assertThat(committed.synchronizations).hasSize(1);
        committed.end(Status.STATUS_COMMITTED);
        signal.await(Duration.ofHours(1));

        Transaction rolledBack = new Transaction();
        signal.wakeAfterCommit(rolledBack);
        rolledBack.end(Status.STATUS_ROLLEDBACK);
        long start = System.nanoTime();
        signal.await(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    /** Just enough of a transaction's registry: resources and synchronizations. */
    private static final class Transaction implements TransactionSynchronizationRegistry {
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> synchronizations = new ArrayList<>();

        void end(int status) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            synchronizations.forEach(s -> s.afterCompletion(status));
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {
            resources.put(key, value);
        }

        @Override
        public Object getResource(Object key) {
            return resources.get(key);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
