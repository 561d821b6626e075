package io.timeflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The threads that run a replica's accepted jobs, against a real PostgreSQL: a job's lease is held while its work
 * runs and free for recovery (another replica, a {@link JobLeases} of its own) once the work ended, whether it
 * returned or threw, and at once when the threads were closed before the job could start.
 */
class JobThreadsTest {

    private static final JobLeases.Space SPACE = new JobLeases.Space("test-job", 0x54465454);

    private static LeaseDatabase db;
    private JobLeases replica;
    private JobLeases recovery;
    private JobThreads threads;

    @BeforeAll
    static void start() throws IOException {
        db = LeaseDatabase.start("job-threads");
    }

    @AfterAll
    static void stop() throws IOException {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void replicas() {
        replica = db.replica();
        recovery = db.replica();
        threads = new JobThreads("test-jobs", 2);
    }

    @AfterEach
    void close() {
        threads.close();
        replica.closeIdleSessions();
        recovery.closeIdleSessions();
    }

    @Test
    void aJobsLeaseIsHeldWhileItsWorkRunsAndFreedWhenItEnds() throws Exception {
        UUID job = UUID.randomUUID();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        threads.submit("job " + job, replica.take(SPACE, job), () -> {
            running.countDown();
            hold(finish);
        });

        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(recovery.isHeld(SPACE, job)).as("while the work runs").isTrue();
        finish.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !recovery.isHeld(SPACE, job));
    }

    @Test
    void workThatThrowsFreesItsLeaseAndTheThreadsGoOn() {
        UUID failing = UUID.randomUUID();
        threads.submit("job " + failing, replica.take(SPACE, failing), () -> {
            throw new IllegalStateException("the work failed outside its own error handling");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !recovery.isHeld(SPACE, failing));

        UUID next = UUID.randomUUID();
        CountDownLatch ran = new CountDownLatch(1);
        threads.submit("job " + next, replica.take(SPACE, next), ran::countDown);
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.getCount() == 0);
    }

    @Test
    void aJobRefusedByClosedThreadsHasItsLeaseFreedAtOnce() {
        threads.close();
        UUID job = UUID.randomUUID();
        JobLeases.Lease lease = replica.take(SPACE, job);

        assertThatThrownBy(() -> threads.submit("job " + job, lease, () -> { }))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(recovery.isHeld(SPACE, job)).as("left to recovery").isFalse();
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
