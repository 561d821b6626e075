package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, transport: TLS on the HTTP endpoints, SASL/TLS towards Kafka and TLS towards PostgreSQL
 * are switched on by values, and each switch reaches every service (environment and mounted files).
 */
class TransportSecurityTest {

    private static Chart.Scenario scenario(String name) {
        return Chart.allScenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** The four services and the console. */
    private static List<ObjectNode> deployments(String scenario) {
        List<ObjectNode> all = Manifests.of(scenario(scenario)).ofKind("Deployment");
        assertThat(all).hasSize(5);
        return all;
    }

    /** The four services, which have a database (the console has none). */
    private static List<ObjectNode> services(String scenario) {
        return deployments(scenario).stream().filter(d -> Manifests.component(d).endsWith("-service")).toList();
    }

    @Test
    void httpsOnTheApiAndManagementPortsWithProbesAndScrapingFollowing() {
        Manifests m = Manifests.of(scenario("production"));
        for (ObjectNode d : m.ofKind("Deployment")) {
            JsonNode c = Manifests.mainContainer(d);
            assertThat(Manifests.envValue(c, "QUARKUS_HTTP_INSECURE_REQUESTS")).isEqualTo("disabled");
            String certDir = Manifests.mountPath(c, "tls").orElseThrow();
            assertThat(Manifests.envValue(c, "QUARKUS_HTTP_SSL_CERTIFICATE_FILES")).isEqualTo(certDir + "/tls.crt");
            assertThat(Manifests.envValue(c, "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES")).isEqualTo(certDir + "/tls.key");
            assertThat(Manifests.envValue(c, "QUARKUS_MANAGEMENT_SSL_CERTIFICATE_FILES")).isEqualTo(certDir + "/tls.crt");
            assertThat(Manifests.volume(d, "tls").orElseThrow().path("secret").path("secretName").asText()).isEqualTo("timeflow-tls");
            assertThat(c.path("ports").toString()).contains("\"https\"").doesNotContain("\"http\"");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(c.path(probe).path("httpGet").path("scheme").asText()).as(probe).isEqualTo("HTTPS");
            }
            ObjectNode service = m.find("Service", Manifests.name(d)).orElseThrow();
            assertThat(service.path("spec").path("ports").path(0).path("targetPort").asText()).isEqualTo("https");
            ObjectNode monitor = m.find("ServiceMonitor", Manifests.name(d)).orElseThrow();
            assertThat(monitor.path("spec").path("endpoints").path(0).path("scheme").asText()).isEqualTo("https");
        }
        JsonNode console = Manifests.mainContainer(m.deploymentOf("console").orElseThrow());
        assertThat(Manifests.envValue(console, "TIMEFLOW_STAGING_URL")).as("the console reaches the APIs over HTTPS too")
                .isEqualTo("https://timeflow-staging:8080");
        assertThat(Manifests.envValue(console, "TIMEFLOW_CONSOLE_UPSTREAM_CA_FILE"))
                .isEqualTo(Manifests.mountPath(console, "tls").orElseThrow() + "/ca.crt");
        JsonNode ingress = m.ofKind("Ingress").get(0);
        assertThat(ingress.path("spec").path("tls").path(0).path("secretName").asText()).isEqualTo("timeflow-ingress-tls");
        ingress.path("spec").path("rules").path(0).path("http").path("paths")
                .forEach(p -> assertThat(p.path("backend").path("service").path("port").path("name").asText()).isEqualTo("https"));
    }

    @Test
    void saslScramOverTlsToKafkaWithTheBrokersCaMounted() {
        for (ObjectNode d : deployments("production")) {
            JsonNode c = Manifests.mainContainer(d);
            assertThat(Manifests.envValue(c, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
            assertThat(Manifests.envValue(c, "KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            JsonNode jaas = Manifests.env(c, "KAFKA_SASL_JAAS_CONFIG").orElseThrow().path("valueFrom").path("secretKeyRef");
            assertThat(jaas.path("name").asText()).isEqualTo("timeflow-kafka-user");
            assertThat(jaas.path("key").asText()).isEqualTo("sasl.jaas.config");
            assertThat(Manifests.envValue(c, "KAFKA_SSL_TRUSTSTORE_TYPE")).isEqualTo("PEM");
            assertThat(Manifests.envValue(c, "KAFKA_SSL_TRUSTSTORE_LOCATION"))
                    .isEqualTo(Manifests.mountPath(c, "kafka-ca").orElseThrow() + "/ca.crt");
            assertThat(Manifests.envValue(c, "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM")).isEqualTo("https");
            assertThat(Manifests.envValue(c, "KAFKA_CLIENT_DNS_LOOKUP")).isEqualTo("use_all_dns_ips");
        }
    }

    @Test
    void mutualTlsToKafkaWithOneClientCertificatePerServiceAndTheConsole() {
        for (ObjectNode d : deployments("strimzi-mtls")) {
            JsonNode c = Manifests.mainContainer(d);
            String user = Manifests.name(d);
            assertThat(Manifests.envValue(c, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SSL");
            assertThat(Manifests.env(c, "KAFKA_SASL_JAAS_CONFIG")).isEmpty();
            assertThat(Manifests.envValue(c, "KAFKA_SSL_KEYSTORE_TYPE")).isEqualTo("PKCS12");
            assertThat(Manifests.envValue(c, "KAFKA_SSL_KEYSTORE_LOCATION"))
                    .isEqualTo(Manifests.mountPath(c, "kafka-client").orElseThrow() + "/user.p12");
            JsonNode password = Manifests.env(c, "KAFKA_SSL_KEYSTORE_PASSWORD").orElseThrow().path("valueFrom").path("secretKeyRef");
            assertThat(password.path("name").asText()).isEqualTo(user);
            assertThat(password.path("key").asText()).isEqualTo("user.password");
            assertThat(Manifests.volume(d, "kafka-client").orElseThrow().path("secret").path("secretName").asText()).isEqualTo(user);
        }
    }

    @Test
    void verifiedTlsToPostgresqlWithTheCaMountedWhereTheJdbcUrlLooks() {
        for (String scenario : List.of("production", "strimzi-mtls")) {
            for (ObjectNode d : services(scenario)) {
                JsonNode c = Manifests.mainContainer(d);
                String url = Manifests.envValue(c, "QUARKUS_DATASOURCE_JDBC_URL");
                assertThat(url).contains("sslmode=verify-full")
                        .contains("sslrootcert=" + Manifests.mountPath(c, "postgresql-ca").orElseThrow() + "/ca.crt");
            }
        }
        ObjectNode job = Manifests.of(scenario("strimzi-mtls")).ofKind("Job").get(0);
        JsonNode c = Manifests.mainContainer(job);
        assertThat(Manifests.envValue(c, "PGSSLMODE")).isEqualTo("verify-full");
        assertThat(Manifests.envValue(c, "PGSSLROOTCERT")).startsWith(Manifests.mountPath(c, "postgresql-ca").orElseThrow());
    }

    @Test
    void byDefaultPlainConnectionsToAnExistingKafkaAndPostgresql() {
        for (ObjectNode d : deployments("default")) {
            JsonNode c = Manifests.mainContainer(d);
            assertThat(Manifests.envValue(c, "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat(Manifests.envValue(c, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("PLAINTEXT");
            if (Manifests.component(d).endsWith("-service")) {
                assertThat(Manifests.envValue(c, "QUARKUS_DATASOURCE_JDBC_URL"))
                        .isEqualTo("jdbc:postgresql://postgresql:5432/timeflow?sslmode=prefer");
            }
            assertThat(c.path("ports").toString()).contains("\"http\"");
            assertThat(Manifests.envValue(c, "QUARKUS_HTTP_INSECURE_REQUESTS")).isNull();
        }
    }
}
