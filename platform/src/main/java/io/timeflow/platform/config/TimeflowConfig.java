package io.timeflow.platform.config;

import io.smallrye.config.ConfigMapping;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings shared by every service, under {@code timeflow.*}. Each service sets {@code timeflow.service.name}.
 * Every key under {@code timeflow.*} that the platform reads is declared here, so that a misspelled or
 * unknown key stops the service at start instead of being ignored; a service declares its own keys in
 * its own mapping (e.g. {@code timeflow.plugin.*}, {@code timeflow.backup.*}).
 */
@ConfigMapping(prefix = "timeflow")
public interface TimeflowConfig {

    Service service();

    Outbox outbox();

    Inbox inbox();

    Kafka kafka();

    Encryption encryption();

    Http http();

    Maintenance maintenance();

    Security security();

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

        /**
         * At most this many events of one poll are applied in one transaction, by a consumer that takes its records
         * in batches (ADR 161); 1 applies each in a transaction of its own.
         */
        @WithDefault("50")
        int batchSize();
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

    /** The key ring (ADR 90); read by {@code SecretCipher} and {@code ResealWorker}. */
    interface Encryption {
        /** The installation's data-encryption key, base64 of 32 bytes ({@code TIMEFLOW_ENCRYPTION_KEY}). */
        Optional<String> key();

        /** Earlier installation keys an operator still lists, so values sealed with them open. */
        Optional<List<String>> previousKeys();

        /** How often a service re-reads its {@code data_key} table. */
        @WithDefault("5s")
        Duration ringRefresh();

        /** How long after a rotation a key nothing needs any more is retired. */
        @WithDefault("10m")
        Duration retireAfter();

        Reseal reseal();

        interface Reseal {
            /** Whether this process moves sealed values off retiring keys. */
            @WithDefault("true")
            boolean enabled();

            /** How often a re-seal pass runs while a rotation is under way. */
            @WithDefault("15s")
            Duration interval();
        }
    }

    interface Http {
        /** The largest JSON request body accepted; read by {@code JsonBodyLimit}. */
        @WithDefault("1M")
        MemorySize maxJsonBody();
    }

    interface Maintenance {
        /** A maintenance row whose heartbeat is older than this no longer blocks writes (ADR 43). */
        @WithDefault("5m")
        Duration staleAfter();
    }

    interface Security {
        AuthFailures authFailures();

        /** The rate limit of failed authentications per address (ADR 62); read by {@code AuthFailureRateLimit}. */
        interface AuthFailures {
            @WithDefault("20")
            int limit();

            @WithDefault("1m")
            Duration window();
        }
    }
}
