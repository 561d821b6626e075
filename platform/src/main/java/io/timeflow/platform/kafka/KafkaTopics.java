package io.timeflow.platform.kafka;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.timeflow.events.Topic;
import io.timeflow.platform.config.TimeflowConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/** Creates the four Timeflow topics when they are missing (unless topics are managed elsewhere). */
@ApplicationScoped
public class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    private final TimeflowConfig config;
    private final Map<String, Object> kafkaConfig;
    private volatile boolean ensured;

    @Inject
    public KafkaTopics(TimeflowConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureTopics();
        } catch (RuntimeException e) {
            // the relay tries again before its first send; consumers wait for the topics to appear
            LOG.warnf("topics not checked at start: %s", e.getMessage());
        }
    }

    /** Makes sure every topic exists; throws when the broker cannot be reached, so the caller retries. */
    public synchronized void ensureTopics() {
        if (ensured || !config.kafka().createTopics()) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.service().name() + "-topics");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                if (!existing.contains(topic.topicName())) {
                    missing.add(new NewTopic(topic.topicName(), config.kafka().topicPartitions(),
                            config.kafka().topicReplicationFactor()));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("created topics %s", missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            ensured = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the Timeflow topics: " + e.getMessage(), e);
        }
    }
}
