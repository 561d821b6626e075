package io.timeflow.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.platform.config.TimeflowConfig;
import io.timeflow.platform.jobs.WorkerLoop;
import io.timeflow.platform.kafka.KafkaTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka, at least once and in order per aggregate.
 *
 * <p>One relay transaction locks the buckets no other replica holds ({@code FOR UPDATE SKIP
 * LOCKED}), reads their unpublished rows in write order, sends them, waits for the broker's
 * acknowledgement of every one, then marks them published and commits. A relay that dies after
 * sending and before committing leaves the rows unpublished: they are sent again, and consumers
 * skip the repeat by its {@code ce_id}. Published rows are pruned after the retention period.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(5);
    private static final Duration GAUGE_EVERY = Duration.ofSeconds(5);

    /** Called by {@link #relayOnce(AfterSend)} between the broker's acknowledgement and the commit. */
    @FunctionalInterface
    public interface AfterSend {
        AfterSend NONE = rows -> { };

        void sent(List<OutboxRow> rows);
    }

    /** One outbox row as the relay reads it. */
    public record OutboxRow(long seq, String eventId, String topic, String type, String aggregateId, String payload,
            String traceParent, String actor, String actorRole, String actorCredential, Instant createdAt) {
    }

    private final DataSource dataSource;
    private final TimeflowConfig config;
    private final Map<String, Object> kafkaConfig;
    private final KafkaTopics topics;
    private final String source;

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final WorkerLoop loop;
    private Instant nextPrune = Instant.now();
    private Instant nextGauge = Instant.now();
    private volatile Producer<String, String> producer;
    private volatile String lastError;

    @Inject
    public OutboxRelay(DataSource dataSource, TimeflowConfig config, OutboxSignal signal,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, KafkaTopics topics,
            MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.topics = topics;
        this.source = "/timeflow/" + config.service().name();
        this.published = Counter.builder("timeflow.outbox.published")
                .description("Outbox events published to Kafka").register(metrics);
        this.failures = Counter.builder("timeflow.outbox.relay.failures")
                .description("Relay batches that failed and will be retried").register(metrics);
        Gauge.builder("timeflow.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events written but not yet published").register(metrics);
        Gauge.builder("timeflow.outbox.lag.seconds", lagMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unpublished outbox event").register(metrics);
        this.loop = new WorkerLoop("outbox-relay", signal, () -> config.outbox().pollInterval(),
                new WorkerLoop.Backoff(Duration.ofMillis(200), Duration.ofSeconds(10)), this::loopOnce,
                this::batchFailed);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.outbox().relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the background relay thread (idempotent). */
    public void start() {
        loop.start();
    }

    /** Stops the relay thread (a send in flight is interrupted: its rows stay unpublished) and closes the producer. */
    public synchronized void stop() {
        loop.stop(true, Duration.ofSeconds(5));
        Producer<String, String> p = producer;
        producer = null;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    /**
     * False only when the relay was started and its thread has died. Says nothing of the broker or of
     * the backlog: a relay that keeps failing to send is alive, with its {@link #lastError()} and
     * {@link #backlog()} growing.
     */
    public boolean threadAlive() {
        return loop.alive();
    }

    public String lastError() {
        return lastError;
    }

    public long backlog() {
        return backlog.get();
    }

    /** One pass of the relay thread: the gauges and the pruning when due, then one batch. */
    private boolean loopOnce() throws Exception {
        if (Instant.now().isAfter(nextGauge)) {
            refreshGauges();
            nextGauge = Instant.now().plus(GAUGE_EVERY);
        }
        if (Instant.now().isAfter(nextPrune)) {
            prune();
            nextPrune = Instant.now().plus(PRUNE_EVERY);
        }
        // again at once only after a full batch, when more rows may be waiting. After a smaller one the loop waits for
        // the next commit's wake-up (kept if it came during this pass) or the poll interval, instead of a transaction
        // that finds nothing: under a moderate ingest load that empty round was half of the relay's transactions
        // (issue 18, ADR 163)
        return relayOnce(AfterSend.NONE) >= config.outbox().batchSize();
    }

    private void batchFailed(Exception e, Duration retryIn) {
        failures.increment();
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warnf("outbox relay batch failed, retrying in %d ms: %s", retryIn.toMillis(), lastError);
        resetProducerAfter(e);
    }

    /**
     * Relays one batch: locks the free buckets, sends their oldest unpublished rows, waits for every
     * acknowledgement, calls {@code afterSend}, marks the rows published and commits. If anything
     * fails (including {@code afterSend}) the transaction rolls back and the rows stay unpublished.
     *
     * @return the number of events published
     */
    public int relayOnce(AfterSend afterSend) throws SQLException, Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n = relayIn(c, afterSend);
                c.commit();
                if (n > 0) {
                    published.increment(n);
                    lastError = null;
                }
                return n;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private int relayIn(Connection c, AfterSend afterSend) throws Exception {
        List<Short> buckets = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from outbox_bucket order by id for update skip locked")) {
            while (rs.next()) {
                buckets.add(rs.getShort(1));
            }
        }
        if (buckets.isEmpty()) {
            return 0;
        }
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select seq, event_id, topic, event_type, aggregate_id, payload::text, trace_parent,
                       actor, actor_role, actor_credential, created_at
                from outbox
                where published_at is null and bucket = any(?)
                order by seq
                limit ?""")) {
            Array array = c.createArrayOf("smallint", buckets.toArray());
            ps.setArray(1, array);
            ps.setInt(2, config.outbox().batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp created = rs.getTimestamp(11);
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), created.toInstant()));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        send(rows);
        afterSend.sent(rows);
        try (PreparedStatement ps = c.prepareStatement("update outbox set published_at = now() where seq = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", rows.stream().map(OutboxRow::seq).toArray()));
            ps.executeUpdate();
        }
        return rows.size();
    }

    private void send(List<OutboxRow> rows) throws Exception {
        Producer<String, String> p = producer();
        List<Future<?>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.aggregateId(), row.payload());
            header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
            header(record, CloudEventHeaders.ID, row.eventId());
            header(record, CloudEventHeaders.TYPE, row.type());
            header(record, CloudEventHeaders.SOURCE, source);
            header(record, CloudEventHeaders.SUBJECT, row.aggregateId());
            header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(row.createdAt()));
            header(record, CloudEventHeaders.DATA_SCHEMA, "urn:timeflow:event:" + row.type());
            header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            header(record, CloudEventHeaders.ACTOR, row.actor());
            header(record, CloudEventHeaders.ACTOR_ROLE, row.actorRole());
            header(record, CloudEventHeaders.ACTOR_CREDENTIAL, row.actorCredential());
            header(record, CloudEventHeaders.TRACEPARENT, row.traceParent());
            acks.add(p.send(record));
        }
        p.flush();
        long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
        for (Future<?> ack : acks) {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            topics.ensureTopics();
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.outbox().sendTimeout().toMillis());
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (config.outbox().sendTimeout().toMillis() / 2));
            props.put(ProducerConfig.CLIENT_ID_CONFIG, config.service().name() + "-outbox-relay");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private synchronized void resetProducerAfter(Exception e) {
        // a producer whose send failed may hold sequence state that would reorder a retry: start afresh
        Producer<String, String> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(Duration.ofSeconds(1));
            } catch (RuntimeException ignored) {
                // closing a broken producer may itself fail; the next batch makes a new one
            }
        }
    }

    private void refreshGauges() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select count(*), min(created_at) from outbox where published_at is null")) {
            rs.next();
            backlog.set(rs.getLong(1));
            Timestamp oldest = rs.getTimestamp(2);
            lagMillis.set(oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest.getTime()));
        }
    }

    private void prune() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement outbox = c.prepareStatement(
                        "delete from outbox where published_at is not null and published_at < ?");
                PreparedStatement inbox = c.prepareStatement("delete from inbox where processed_at < ?")) {
            outbox.setTimestamp(1, Timestamp.from(Instant.now().minus(config.outbox().retention())));
            int pruned = outbox.executeUpdate();
            inbox.setTimestamp(1, Timestamp.from(Instant.now().minus(config.inbox().retention())));
            int forgotten = inbox.executeUpdate();
            if (pruned + forgotten > 0) {
                LOG.debugf("pruned %d published outbox rows and %d inbox rows", pruned, forgotten);
            }
        }
    }
}
