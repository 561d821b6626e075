package io.timeflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The retries of an event that cannot be applied (unit test: the attempt is a plain function, no transaction; the
 * stop is the observer the application's ShutdownEvent calls).
 */
@Timeout(30)
class EventApplierRetryTest {

    private final EventApplier applier = new EventApplier(null, null, null);

    @Test
    void aFailingAttemptIsRetriedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = applier.retrying(5, "event e1 (t)", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("the database is out of reach");
            }
            return "applied";
        });
        assertThat(result).isEqualTo("applied");
        assertThat(calls).hasValue(3);
    }

    @Test
    void theLastFailurePropagatesAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> applier.retrying(3, "event e1 (t)", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("still broken");
        })).hasMessage("still broken");
        assertThat(calls).hasValue(3);
    }

    @Test
    void onceTheServiceIsStoppingAFailureIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> applier.retrying(10, "event e1 (t)", () -> {
            calls.incrementAndGet();
            applier.stop(null); // the stop began while the event was being applied
            throw new IllegalStateException("EntityManagerFactory is closed");
        })).hasMessage("EntityManagerFactory is closed");
        assertThat(calls).as("attempts after the stop began").hasValue(1);
    }

    @Test
    void aStopEndsTheWaitBetweenAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch failedOnce = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                // ten attempts: 21 s of waits between them if nothing ends them
                applier.retrying(10, "event e1 (t)", () -> {
                    calls.incrementAndGet();
                    failedOnce.countDown();
                    throw new IllegalStateException("the database is out of reach");
                });
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        failedOnce.await();
        applier.stop(null);
        consumer.join(5_000);

        assertThat(consumer.isAlive()).as("still waiting to retry after the stop").isFalse();
        assertThat(thrown.get()).hasMessage("the database is out of reach");
        assertThat(calls.get()).as("attempts").isLessThan(10);
    }
}
