package io.timeflow.platform.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The metrics every kind of long operation ({@link Job}) of the suite records, under one set of names with the job's
 * kind as a tag ({@code snapsync}, {@code plugin-upgrade}, {@code backup}, {@code restore}):
 * <ul>
 *   <li>{@code timeflow.jobs.accepted}: jobs accepted (answered 202, or fired by a schedule);</li>
 *   <li>{@code timeflow.jobs.ended}, tagged with the end state: jobs that reached a terminal state;</li>
 *   <li>{@code timeflow.jobs.duration}, tagged with the end state: from the start of the work to its end;</li>
 *   <li>{@code timeflow.jobs.queued}: from acceptance to the start of the work (a replica claiming it);</li>
 *   <li>{@code timeflow.jobs.recovered}: jobs a replica took over or ended because the replica running them stopped.</li>
 * </ul>
 * Inside a transaction a fact is recorded when it commits, never when it rolls back: a job ended in a transaction
 * that is retried counts once.
 */
@ApplicationScoped
public class JobMetrics {

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    @Inject
    public JobMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /** The job was accepted. */
    public void accepted(Job job) {
        String kind = job.kind();
        afterCommit(() -> Counter.builder("timeflow.jobs.accepted").description("Long operations accepted")
                .tag("kind", kind).register(registry).increment());
    }

    /** The job started its work (at {@link Job#startedAt()}): it waited in the queue since it was accepted. */
    public void started(Job job) {
        String kind = job.kind();
        Duration queued = between(job.createdAt(), job.startedAt());
        afterCommit(() -> Timer.builder("timeflow.jobs.queued").description("Time from acceptance to the start of work")
                .tag("kind", kind).register(registry).record(queued));
    }

    /**
     * The job just reached its end state (at {@link Job#finishedAt()}); one that ended before any work (cancelled
     * while pending, say) took no time.
     */
    public void ended(Job job) {
        if (!job.state().finished()) {
            throw new IllegalStateException(job.kind() + " " + job.id() + " is " + job.state() + ", not ended");
        }
        String kind = job.kind();
        String tag = job.state().name().toLowerCase(Locale.ROOT);
        Duration took = job.startedAt() == null ? Duration.ZERO : between(job.startedAt(), job.finishedAt());
        afterCommit(() -> {
            Counter.builder("timeflow.jobs.ended").description("Long operations that reached a terminal state")
                    .tag("kind", kind).tag("state", tag).register(registry).increment();
            Timer.builder("timeflow.jobs.duration").description("Time from the start of a job's work to its end")
                    .tag("kind", kind).tag("state", tag).register(registry).record(took);
        });
    }

    /** A job of {@code kind} was taken over (or ended) because the replica running it stopped. */
    public void recovered(String kind) {
        afterCommit(() -> Counter.builder("timeflow.jobs.recovered")
                .description("Jobs taken over or ended because the replica running them stopped")
                .tag("kind", kind).register(registry).increment());
    }

    private static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void afterCommit(Runnable record) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            record.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    record.run();
                }
            }
        });
    }
}
