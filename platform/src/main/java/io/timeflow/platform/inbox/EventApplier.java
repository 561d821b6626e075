package io.timeflow.platform.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.timeflow.events.TimeflowEvent;
import io.timeflow.platform.config.TimeflowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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
 * <p>Use from a {@code @Incoming @Blocking} method that receives {@code ConsumerRecord<String, String>}.
 */
@ApplicationScoped
public class EventApplier {

    private static final Logger LOG = Logger.getLogger(EventApplier.class);

    private final Inbox inbox;
    private final TimeflowConfig config;
    private final MeterRegistry metrics;
    private final CountDownLatch stopping = new CountDownLatch(1);

    @Inject
    public EventApplier(Inbox inbox, TimeflowConfig config, MeterRegistry metrics) {
        this.inbox = inbox;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * @param consumer a stable name of the consuming view (the inbox key), e.g. {@code environments}
     * @param record   the record as consumed
     * @param handler  applies the decoded event; gets the envelope for ids, actor and time
     * @return true when the handler ran, false for a repeat, an unknown type or a non-CloudEvent record
     */
    public boolean apply(String consumer, ConsumerRecord<String, String> record,
            BiConsumer<IncomingEvent, TimeflowEvent> handler) {
        Optional<IncomingEvent> envelope = IncomingEvent.of(record);
        if (envelope.isEmpty()) {
            LOG.warnf("skipping a record without CloudEvents headers on %s at offset %d", record.topic(), record.offset());
            return false;
        }
        IncomingEvent event = envelope.get();
        Optional<TimeflowEvent> payload;
        try {
            payload = event.decode();
        } catch (RuntimeException e) {
            // a payload this version cannot read is a contract breach by the producer; stop rather than guess
            throw new IllegalStateException("cannot read event " + event.id() + " of type " + event.type(), e);
        }
        if (payload.isEmpty()) {
            LOG.debugf("ignoring event %s of a type this version does not know: %s", event.id(), event.type());
            return false;
        }
        int attempts = Math.max(1, config.inbox().maxAttempts());
        String what = "event " + event.id() + " (" + event.type() + ")";
        try {
            boolean applied = retrying(attempts, what, () -> QuarkusTransaction.requiringNew().call(() -> {
                if (!inbox.firstDelivery(consumer, event.id(), event.type())) {
                    return false;
                }
                handler.accept(event, payload.get());
                return true;
            }));
            metrics.counter("timeflow.inbox.events", "consumer", consumer, "outcome",
                    applied ? "applied" : "duplicate").increment();
            return applied;
        } catch (RuntimeException e) {
            metrics.counter("timeflow.inbox.events", "consumer", consumer, "outcome",
                    stopping.getCount() == 0 ? "left-at-stop" : "failed").increment();
            throw e;
        }
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
