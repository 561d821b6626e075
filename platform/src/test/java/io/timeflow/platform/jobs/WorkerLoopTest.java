package io.timeflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker thread shared by the outbox relay and the job workers; a real thread, no container. */
@Timeout(20)
class WorkerLoopTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final WakeSignal signal = new WakeSignal();
    private final AtomicInteger passes = new AtomicInteger();
    private final List<Duration> retries = new CopyOnWriteArrayList<>();
    private WorkerLoop loop;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stop(true, Duration.ofSeconds(5));
        }
    }

    @Test
    void aPassThatFoundWorkIsFollowedAtOnceAndOneThatFoundNoneWaitsForAWake() throws Exception {
        loop = loop(WorkerLoop.Backoff.fixed(Duration.ofMillis(10)), () -> passes.incrementAndGet() <= 3);
        loop.start();
        waitFor(() -> passes.get() == 4);

        Thread.sleep(300);
        assertThat(passes).as("no work, no wake, a poll interval of an hour: no further pass").hasValue(4);

        signal.wake();
        waitFor(() -> passes.get() == 5);
    }

    @Test
    void aFailedPassIsReportedAndTriedAgainAfterABackoffThatDoublesUpToItsMaximumAndStartsOverAfterASuccess()
            throws Exception {
        loop = loop(new WorkerLoop.Backoff(Duration.ofMillis(10), Duration.ofMillis(40)), () -> {
            int n = passes.incrementAndGet();
            if (n <= 4 || n == 6) {
                throw new IllegalStateException("the database is out of reach");
            }
            return false;
        });
        loop.start();
        waitFor(() -> passes.get() == 5);
        assertThat(retries).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40),
                Duration.ofMillis(40));

        signal.wake();
        waitFor(() -> passes.get() == 7);
        assertThat(retries).hasSize(5).last().isEqualTo(Duration.ofMillis(10));
        assertThat(loop.alive()).isTrue();
    }

    @Test
    void aThreadKilledByAnErrorIsReportedNotAlive() throws Exception {
        loop = loop(WorkerLoop.Backoff.fixed(Duration.ofMillis(10)), () -> {
            passes.incrementAndGet();
            throw new OutOfMemoryError("no room");
        });
        assertThat(loop.alive()).as("not started: nothing has died").isTrue();
        loop.start();
        waitFor(() -> !loop.alive());
        assertThat(passes).hasValue(1);
    }

    @Test
    void stopEndsTheThreadAndAStoppedLoopIsNotReportedDead() throws Exception {
        loop = loop(WorkerLoop.Backoff.fixed(Duration.ofMillis(10)), () -> {
            passes.incrementAndGet();
            return false;
        });
        loop.start();
        waitFor(() -> passes.get() == 1);
        loop.stop(false, Duration.ofSeconds(5));
        assertThat(loop.alive()).isTrue();
        signal.wake();
        Thread.sleep(200);
        assertThat(passes).hasValue(1);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-worker"));
    }

    @Test
    void aPeriodicTaskRunsAgainAnIntervalAfterAFailure() throws Exception {
        loop = WorkerLoop.every("test-worker", Duration.ZERO, Duration.ofMillis(20), () -> {
            if (passes.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is out of reach");
            }
        }, (e, retryIn) -> retries.add(retryIn));
        loop.start();
        waitFor(() -> passes.get() >= 3);
        assertThat(retries).containsExactly(Duration.ofMillis(20));
    }

    @Test
    void aPeriodicTaskRunsNothingBeforeItsFirstDelayAndAStopMeanwhileEndsTheThread() throws Exception {
        loop = WorkerLoop.every("test-worker", NEVER, Duration.ofMillis(20), passes::incrementAndGet,
                (e, retryIn) -> retries.add(retryIn));
        loop.start();
        Thread.sleep(200);
        assertThat(passes).hasValue(0);
        loop.stop(false, Duration.ofSeconds(10));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-worker"));
        assertThat(passes).hasValue(0);
    }

    private WorkerLoop loop(WorkerLoop.Backoff backoff, WorkerLoop.Step step) {
        return new WorkerLoop("test-worker", signal, () -> NEVER, backoff, step, (e, retryIn) -> retries.add(retryIn));
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }
}
