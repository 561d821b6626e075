package io.timeflow.platform.jobs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * The threads that run the jobs this replica accepted: a plugin upgrade, a backup, a restore starts at once on the
 * replica that answered its request, holding the lease taken when it was accepted (ADR 158), and the lease is freed
 * when the job's work ends, however it ends. (A job queued for any replica to claim, a SnapSync, runs on a
 * {@link WorkerLoop} instead, holding the lease of its claim.)
 */
public final class JobThreads implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobThreads.class);

    private final ExecutorService threads;

    /**
     * @param name  the thread's name, or with {@code count > 1} the prefix of the numbered names ({@code name-1}, ...)
     * @param count how many jobs run at once; more wait for a thread, in order
     */
    public JobThreads(String name, int count) {
        Thread.Builder.OfPlatform builder = count == 1 ? Thread.ofPlatform().name(name) : Thread.ofPlatform().name(name + "-", 1);
        this.threads = Executors.newFixedThreadPool(count, builder.daemon().factory());
    }

    /**
     * Runs {@code work} on one of the threads; it owns {@code lease}, freed when it ends. The work records its job's
     * end itself; what it throws is logged as {@code what} ending unexpectedly, its job left to recovery. When the
     * threads take no more work (the replica stops), the lease is freed at once and the refusal thrown: the job,
     * accepted but never started, is recovery's too.
     */
    public void submit(String what, JobLeases.Lease lease, Runnable work) {
        try {
            threads.execute(() -> {
                try (lease) {
                    work.run();
                } catch (RuntimeException | Error e) {
                    LOG.errorf(e, "%s ended unexpectedly", what);
                }
            });
        } catch (RejectedExecutionException e) {
            lease.close();
            throw e;
        }
    }

    /** Takes no more work and interrupts the jobs in flight (the replica stops; their leases end with it). */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
