package io.timeflow.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings shared by every service, under {@code timeflow.*}. Each service sets {@code timeflow.service.name}. */
@ConfigMapping(prefix = "timeflow")
public interface TimeflowConfig {

    Service service();

    Outbox outbox();

    Inbox inbox();

    Kafka kafka();

    interface Service {
        /** The service's name, e.g. {@code staging-service}; the CloudEvents source is {@code /timeflow/<name>}. */
        String name();

        /** The suite's version, written into backups and reported by the services. */
        @WithDefault("0.1.0")
        String version();
    }

    interface Outbox {
        /** Whether this process relays its outbox to Kafka (switched off only by tests that drive the relay). */
        @WithDefault("true")
        boolean relayEnabled();

        /** How long the relay waits for new rows when it is idle; a commit wakes it earlier. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** Rows taken per relay transaction. */
        @WithDefault("500")
        int batchSize();

        /** How long a send may take before the batch is given up and retried. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** Published rows older than this are deleted. */
        @WithDefault("1h")
        Duration retention();
    }

    interface Inbox {
        /** Applied event ids older than this are forgotten (redeliveries come within minutes). */
        @WithDefault("7d")
        Duration retention();

        /** Attempts to apply one event before the consumer gives up and stops (the event is not skipped). */
        @WithDefault("10")
        int maxAttempts();
    }

    interface Kafka {
        /** Create the four topics at start when they are missing (off where topics are managed elsewhere). */
        @WithDefault("true")
        boolean createTopics();

        @WithDefault("6")
        int topicPartitions();

        @WithDefault("1")
        short topicReplicationFactor();
    }
}
