package io.timeflow.testing;

import io.timeflow.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads what really is on a topic of the test broker, as an outside consumer would, and can put a
 * hand-made CloudEvent on it (to deliver an event twice, say).
 */
public final class TopicProbe {

    /** A record as a consumer of the topic sees it. */
    public record Seen(String topic, int partition, long offset, String key, Map<String, String> headers, String value) {
        public String type() {
            return headers.get(CloudEventHeaders.TYPE);
        }

        public String id() {
            return headers.get(CloudEventHeaders.ID);
        }
    }

    private TopicProbe() {
    }

    /** Every record on the topic so far (reads from the beginning until a poll returns nothing new). */
    public static List<Seen> readAll(String topic) {
        return readUntil(topic, r -> false, Duration.ofSeconds(2));
    }

    /**
     * Reads the topic from the beginning until {@code stop} matches a record or {@code timeout}
     * passes; returns everything read (the matching record last when there was one).
     */
    public static List<Seen> readUntil(String topic, Predicate<Seen> stop, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Seen> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    Seen s = new Seen(r.topic(), r.partition(), r.offset(), r.key(), headers, r.value());
                    seen.add(s);
                    if (stop.test(s)) {
                        return seen;
                    }
                }
            }
        }
        return seen;
    }

    /** Waits for a record matching {@code match}; fails with what was seen when none comes in time. */
    public static Seen await(String topic, Predicate<Seen> match, Duration timeout) {
        List<Seen> seen = readUntil(topic, match, timeout);
        if (!seen.isEmpty() && match.test(seen.get(seen.size() - 1))) {
            return seen.get(seen.size() - 1);
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout + "; saw " + seen.size()
                + " records: " + seen.stream().map(s -> s.type() + " key=" + s.key()).toList());
    }

    /** Puts a record with the given headers on the topic and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, Map<String, String> headers, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /**
     * Puts an event of the contract on its topic as the producing service's relay would (CloudEvents
     * binary mode, keyed by its aggregate id, made by {@code system}); returns its {@code ce_id}.
     */
    public static String publish(io.timeflow.events.TimeflowEvent event) {
        io.timeflow.events.EventType<?> type = io.timeflow.events.EventCatalog.of(event.getClass());
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.TYPE, type.name());
        headers.put(CloudEventHeaders.SOURCE, "/timeflow/" + type.topic().topicName().split("\\.")[1] + "-service");
        headers.put(CloudEventHeaders.SUBJECT, event.aggregateId());
        headers.put(CloudEventHeaders.TIME, java.time.Instant.now().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        headers.put(CloudEventHeaders.ACTOR, "system");
        headers.put(CloudEventHeaders.ACTOR_ROLE, "system");
        send(type.topic().topicName(), event.aggregateId(), headers, io.timeflow.events.EventJson.write(event));
        return id;
    }

    /** Sends a record again exactly as it was seen (same key, headers and value): a redelivery. */
    public static void resend(Seen seen) {
        send(seen.topic(), seen.key(), seen.headers(), seen.value());
    }
}
