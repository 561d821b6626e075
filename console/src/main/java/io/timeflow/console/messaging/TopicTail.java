package io.timeflow.console.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.timeflow.console.domain.ChangeFeed;
import io.timeflow.console.domain.ChangeNotice;
import io.timeflow.console.domain.ConsoleConfig;
import io.timeflow.events.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the four topics from their end, as they grow, and hands a {@link ChangeNotice} of each record
 * to the {@link ChangeFeed}. Every console replica reads every partition itself (assigned, no
 * consumer group, nothing committed): each replica serves its own browsers, and what happened before
 * a browser connected is read through the APIs, not replayed. A topic or partition that appears
 * later is read from its beginning, so nothing published on it is missed.
 */
@ApplicationScoped
public class TopicTail {

    private static final Logger LOG = Logger.getLogger(TopicTail.class);

    private final ChangeFeed feed;
    private final ConsoleConfig config;
    private final Map<String, Object> kafkaConfig;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean stopping;
    private Thread thread;

    @Inject
    public TopicTail(ChangeFeed feed, ConsoleConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.feed = feed;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "console-topic-tail");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopping) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProperties())) {
                consumer = c;
                tail(c);
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                feed.reading(false);
                LOG.warnf("reading the topics stopped (%s); trying again in 5 s", e.getMessage());
                sleep(Duration.ofSeconds(5));
            } finally {
                consumer = null;
                feed.reading(false);
            }
        }
    }

    private void tail(KafkaConsumer<String, String> c) {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextRefresh = 0;
        boolean first = true;
        while (!stopping) {
            if (System.nanoTime() >= nextRefresh) {
                List<TopicPartition> now = partitions(c);
                if (!now.isEmpty() && !assigned.containsAll(now)) {
                    List<TopicPartition> added = new ArrayList<>(now);
                    added.removeAll(assigned);
                    assigned.addAll(now);
                    c.assign(assigned);
                    if (first) {
                        // what happened before this replica started is the APIs' business
                        c.seekToEnd(added);
                    } else {
                        // a topic or partition created since: everything on it is new
                        c.seekToBeginning(added);
                    }
                    LOG.infof("reading %d partitions of the suite's topics", assigned.size());
                }
                // only what exists at the first look is read from its end
                first = false;
                feed.reading(!assigned.isEmpty());
                nextRefresh = System.nanoTime() + config.events().partitionRefresh().toNanos();
            }
            if (assigned.isEmpty()) {
                sleep(Duration.ofSeconds(1));
                continue;
            }
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                feed.publish(ChangeNotice.of(r.topic(), r.key(), headers(r)));
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        List<TopicPartition> all = new ArrayList<>();
        Map<String, List<PartitionInfo>> topics = c.listTopics(Duration.ofSeconds(10));
        for (Topic topic : Topic.values()) {
            for (PartitionInfo p : topics.getOrDefault(topic.topicName(), List.of())) {
                all.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        return all;
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "timeflow-console");
        // the console needs headers, not values: keep fetches small
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return props;
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            if (h.key().startsWith("ce_") && h.value() != null) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
