package io.timeflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at this JVM's real PostgreSQL and Kafka broker (started once, on
 * first use, by {@link Infra}) and makes it trust {@link TestTokens}. The service's own
 * {@code application.properties} names its database role.
 */
public class TimeflowTestResource implements QuarkusTestResourceLifecycleManager {

    /** The data-encryption key of services under test (32 bytes, base64); a test-only value. */
    public static final String TEST_ENCRYPTION_KEY = "dGltZWZsb3ctdGVzdC1kYXRhLWVuY3J5cHRpb24hISE=";

    /** Refused credentials per address and minute that services under test allow. */
    public static final int AUTH_FAILURE_LIMIT = 500;

    @Override
    public Map<String, String> start() {
        Postgres pg = Infra.postgres();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl());
        config.put("quarkus.datasource.password", Infra.ROLE_PASSWORD);
        config.put("kafka.bootstrap.servers", Infra.kafkaBootstrapServers());
        config.put("mp.jwt.verify.publickey", TestTokens.publicKeyPem());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        config.put("timeflow.kafka.topic-partitions", "3");
        config.put("timeflow.encryption.key", TEST_ENCRYPTION_KEY);
        // the role-table walks present hundreds of bad tokens from one address; the rate-limit tests
        // forget their address before and after
        config.put("timeflow.security.auth-failures.limit", Integer.toString(AUTH_FAILURE_LIMIT));
        return config;
    }

    @Override
    public void stop() {
        // PostgreSQL and Kafka live until the JVM exits: other test classes reuse them
    }
}
