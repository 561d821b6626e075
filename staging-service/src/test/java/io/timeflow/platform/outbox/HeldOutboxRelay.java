package io.timeflow.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.timeflow.platform.config.TimeflowConfig;
import io.timeflow.platform.kafka.KafkaTopics;
import io.timeflow.testing.PassGate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The outbox relay of staging-service's tests (the production class is excluded from the test build by
 * {@code quarkus.arc.exclude-types}): the same relay, whose background passes a test can hold while it relays
 * batches by hand, with something happening between the broker's acknowledgement and the commit.
 */
@Singleton
public class HeldOutboxRelay extends OutboxRelay {

    private final PassGate gate = new PassGate();
    private final OutboxSignal signal;

    @Inject
    public HeldOutboxRelay(DataSource dataSource, TimeflowConfig config, OutboxSignal signal,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, KafkaTopics topics,
            MeterRegistry metrics) {
        super(dataSource, config, signal, kafkaConfig, topics, metrics);
        this.signal = signal;
    }

    /** The background thread's batch: none while held. */
    @Override
    public int relayOnce(AfterSend afterSend) throws Exception {
        return gate.pass(0, () -> super.relayOnce(afterSend));
    }

    /** Relays one batch from the test's thread, held or not. */
    public int byHand(AfterSend afterSend) throws Exception {
        return super.relayOnce(afterSend);
    }

    /** The background thread relays nothing from now on; returns once a batch in flight has been committed. */
    public void pause() {
        gate.hold();
    }

    public void resume() {
        gate.release();
        signal.wake();
    }
}
