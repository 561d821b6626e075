package io.timeflow.platform.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.timeflow.events.TimeflowEvent;
import io.timeflow.platform.config.TimeflowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies one consumed record exactly once in effect: in a new transaction, records the event id in
 * the inbox and runs the handler; a repeat is skipped. A failing handler is retried with back-off
 * (each attempt in its own transaction); after the last attempt the exception propagates, the
 * record is not acknowledged and the consumer stops rather than lose the event. Once the service is stopping
 * there are no more retries (the record is read again at the next start).
 *
 * <p>Use from a {@code @Incoming @Blocking} method that receives {@code ConsumerRecord<String, String>}, or, for a
 * channel configured with {@code batch=true}, {@code ConsumerRecords<String, String>} ({@link #applyAll}).
 */
@ApplicationScoped
public class EventApplier {

    private static final Logger LOG = Logger.getLogger(EventApplier.class);

    private final Inbox inbox;
    private final TimeflowConfig config;
    private final MeterRegistry metrics;
    private final Transactions transactions;
    private final CountDownLatch stopping = new CountDownLatch(1);

    @Inject
    public EventApplier(Inbox inbox, TimeflowConfig config, MeterRegistry metrics) {
        this(inbox, config, metrics, EventApplier::inNewTransaction);
    }

    EventApplier(Inbox inbox, TimeflowConfig config, MeterRegistry metrics, Transactions transactions) {
        this.inbox = inbox;
        this.config = config;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    private static <T> T inNewTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    /**
     * @param consumer a stable name of the consuming view (the inbox key), e.g. {@code environments}
     * @param record   the record as consumed
     * @param handler  applies the decoded event; gets the envelope for ids, actor and time
     * @return true when the handler ran, false for a repeat, an unknown type or a non-CloudEvent record
     */
    public boolean apply(String consumer, ConsumerRecord<String, String> record,
            BiConsumer<IncomingEvent, TimeflowEvent> handler) {
        Optional<Decoded> decoded = decode(record);
        return decoded.isPresent() && applyAlone(consumer, decoded.get(), handler);
    }

    /**
     * Applies the records of one poll in their order, up to {@code timeflow.inbox.batch-size} events in one
     * transaction (ADR 161): one commit, one flush and one inbox round for many events instead of one each. The
     * rule of {@link #apply} holds for every event: each is applied once, in order per key, or the consumer stops. When
     * a batch's transaction fails, nothing of it was applied, and its events are applied again one by one, each in a
     * transaction of its own with its retries: an event that cannot be applied then stops the consumer after the
     * events before it were applied, as it would have alone.
     *
     * @return how many handlers ran (repeats, unknown types and non-CloudEvent records are not counted)
     */
    public int applyAll(String consumer, Iterable<ConsumerRecord<String, String>> records,
            BiConsumer<IncomingEvent, TimeflowEvent> handler) {
        int size = Math.max(1, config.inbox().batchSize());
        List<Decoded> batch = new ArrayList<>(Math.min(size, 64));
        int applied = 0;
        for (ConsumerRecord<String, String> record : records) {
            Optional<Decoded> decoded;
            try {
                decoded = decode(record);
            } catch (RuntimeException e) {
                // the events before the one this version cannot read are applied; then the consumer stops
                applyBatch(consumer, batch, handler);
                throw e;
            }
            if (decoded.isEmpty()) {
                continue;
            }
            batch.add(decoded.get());
            if (batch.size() >= size) {
                applied += applyBatch(consumer, batch, handler);
                batch.clear();
            }
        }
        return applied + applyBatch(consumer, batch, handler);
    }

    private int applyBatch(String consumer, List<Decoded> batch, BiConsumer<IncomingEvent, TimeflowEvent> handler) {
        if (batch.isEmpty()) {
            return 0;
        }
        if (batch.size() == 1) {
            return applyAlone(consumer, batch.get(0), handler) ? 1 : 0;
        }
        boolean[] ran;
        try {
            ran = transactions.inNew(() -> {
                boolean[] each = new boolean[batch.size()];
                for (int i = 0; i < each.length; i++) {
                    each[i] = applyOnce(consumer, batch.get(i), handler);
                }
                return each;
            });
        } catch (RuntimeException e) {
            if (stopping.getCount() == 0) {
                LOG.infof("the service is stopping: %d events from %s on are left for the next start (%s)",
                        batch.size(), batch.get(0).what(), e.getMessage());
                count(consumer, "left-at-stop", batch.size());
                throw e;
            }
            LOG.infof("a batch of %d events from %s on could not be applied together (%s); applying them one by one",
                    batch.size(), batch.get(0).what(), e.getMessage());
            int applied = 0;
            for (Decoded event : batch) {
                applied += applyAlone(consumer, event, handler) ? 1 : 0;
            }
            return applied;
        }
        int applied = 0;
        for (boolean r : ran) {
            applied += r ? 1 : 0;
        }
        count(consumer, "applied", applied);
        count(consumer, "duplicate", ran.length - applied);
        return applied;
    }

    /** One event in a transaction of its own, retried with back-off; the last failure propagates. */
    private boolean applyAlone(String consumer, Decoded event, BiConsumer<IncomingEvent, TimeflowEvent> handler) {
        int attempts = Math.max(1, config.inbox().maxAttempts());
        try {
            boolean applied = retrying(attempts, event.what(),
                    () -> transactions.inNew(() -> applyOnce(consumer, event, handler)));
            count(consumer, applied ? "applied" : "duplicate", 1);
            return applied;
        } catch (RuntimeException e) {
            count(consumer, stopping.getCount() == 0 ? "left-at-stop" : "failed", 1);
            throw e;
        }
    }

    /** Inside the caller's transaction: the inbox's row, then the handler when the event is new. */
    private boolean applyOnce(String consumer, Decoded event, BiConsumer<IncomingEvent, TimeflowEvent> handler) {
        if (!inbox.firstDelivery(consumer, event.envelope().id(), event.envelope().type())) {
            return false;
        }
        handler.accept(event.envelope(), event.payload());
        return true;
    }

    /**
     * The record's envelope and payload; empty for a record without CloudEvents headers or of a type this version
     * does not know (both skipped). A payload this version cannot read of a type it knows is a contract breach by
     * the producer: it throws, and the consumer stops rather than guess.
     */
    private static Optional<Decoded> decode(ConsumerRecord<String, String> record) {
        Optional<IncomingEvent> envelope = IncomingEvent.of(record);
        if (envelope.isEmpty()) {
            LOG.warnf("skipping a record without CloudEvents headers on %s at offset %d", record.topic(), record.offset());
            return Optional.empty();
        }
        IncomingEvent event = envelope.get();
        Optional<TimeflowEvent> payload;
        try {
            payload = event.decode();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read event " + event.id() + " of type " + event.type(), e);
        }
        if (payload.isEmpty()) {
            LOG.debugf("ignoring event %s of a type this version does not know: %s", event.id(), event.type());
            return Optional.empty();
        }
        return Optional.of(new Decoded(event, payload.get()));
    }

    private void count(String consumer, String outcome, int n) {
        if (n > 0) {
            metrics.counter("timeflow.inbox.events", "consumer", consumer, "outcome", outcome).increment(n);
        }
    }

    /** An event read from its record, about to be applied. */
    record Decoded(IncomingEvent envelope, TimeflowEvent payload) {
        String what() {
            return "event " + envelope.id() + " (" + envelope.type() + ")";
        }
    }

    /** Runs work in a new transaction that commits when it returns and rolls back when it throws. */
    @FunctionalInterface
    interface Transactions {
        <T> T inNew(Supplier<T> work);
    }

    /**
     * Runs {@code attempt} until it returns, at most {@code attempts} times, waiting 0.1 s, 0.2 s, ... (at most 5 s)
     * between; the last failure propagates. Once the service is stopping, a failure propagates at once and a wait
     * ends: the persistence unit may be closed already, and the record, not acknowledged, is read again at the next
     * start (retrying against a closed persistence unit held every stop of the service for up to 21 s).
     */
    <T> T retrying(int attempts, String what, Supplier<T> attempt) {
        long backoff = 100;
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (stopping.getCount() == 0) {
                    LOG.infof("the service is stopping: %s is left for the next start (%s)", what, e.getMessage());
                    throw e;
                }
                if (n >= attempts) {
                    LOG.errorf(e, "giving up on %s after %d attempts", what, n);
                    throw e;
                }
                LOG.warnf("applying %s failed (attempt %d of %d): %s", what, n, attempts, e.getMessage());
                try {
                    if (stopping.await(backoff, TimeUnit.MILLISECONDS)) {
                        LOG.infof("the service is stopping: %s is left for the next start", what);
                        throw e;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** The service is stopping: no more retries; a wait between attempts ends now. */
    void stop(@Observes ShutdownEvent event) {
        stopping.countDown();
    }
}
