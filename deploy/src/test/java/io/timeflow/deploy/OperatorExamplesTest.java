package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The examples pair an operator's resources with the chart values that use them. The values must
 * name what the operator really creates: Strimzi's {@code <kafka>-kafka-bootstrap} service,
 * {@code <kafka>-cluster-ca-cert} Secret and one Secret per KafkaUser; CloudNativePG's
 * {@code <cluster>-rw} service, {@code <cluster>-ca} and {@code <cluster>-superuser} Secrets.
 */
class OperatorExamplesTest {

    private static final Path EXAMPLES = Chart.DIR.resolve("examples");

    private static List<ObjectNode> resources(String file) throws Exception {
        return Chart.parse(Files.readString(EXAMPLES.resolve(file)));
    }

    private static JsonNode values(String example) {
        return Chart.effectiveValues(new Chart.Scenario(example, EXAMPLES.resolve(example).resolve("values.yaml")));
    }

    private static String kafkaName(List<ObjectNode> resources) {
        return resources.stream().filter(r -> r.path("kind").asText().equals("Kafka")).findFirst().orElseThrow()
                .path("metadata").path("name").asText();
    }

    private static Set<String> kafkaUsers(List<ObjectNode> resources) {
        Set<String> users = new HashSet<>();
        resources.stream().filter(r -> r.path("kind").asText().equals("KafkaUser"))
                .forEach(r -> users.add(r.path("metadata").path("name").asText()));
        return users;
    }

    @Test
    void strimziScramValuesUseTheListenerCaAndUserSecretOfTheKafkaExample() throws Exception {
        List<ObjectNode> kafka = resources("strimzi-scram/kafka.yaml");
        JsonNode v = values("strimzi-scram");
        String name = kafkaName(kafka);
        ObjectNode cluster = kafka.stream().filter(r -> r.path("kind").asText().equals("Kafka")).findFirst().orElseThrow();
        JsonNode listener = cluster.path("spec").path("kafka").path("listeners").path(0);
        assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(v.path("kafka").path("bootstrapServers").asText()).isEqualTo(name + "-kafka-bootstrap:" + listener.path("port").asInt());
        assertThat(v.path("kafka").path("securityProtocol").asText()).isEqualTo("SASL_SSL");
        assertThat(v.path("kafka").path("sasl").path("mechanism").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(v.path("kafka").path("tls").path("caSecret").path("name").asText()).isEqualTo(name + "-cluster-ca-cert");
        assertThat(kafkaUsers(kafka)).contains(v.path("default").path("kafkaCredentials").path("sasl").path("existingSecret").asText());
        assertThat(v.path("kafka").path("topics").path("create").asBoolean()).as("topics come from KafkaTopic resources").isFalse();
        Set<String> topics = new HashSet<>();
        kafka.stream().filter(r -> r.path("kind").asText().equals("KafkaTopic"))
                .forEach(r -> topics.add(r.path("metadata").path("name").asText()));
        assertThat(topics).containsExactlyInAnyOrder("timeflow.staging.v1", "timeflow.snapshot.v1", "timeflow.plugin.v1", "timeflow.backup.v1");
    }

    @Test
    void strimziMtlsValuesGiveEachServiceTheCertificateOfItsOwnKafkaUser() throws Exception {
        List<ObjectNode> kafka = resources("strimzi-mtls/kafka.yaml");
        JsonNode v = values("strimzi-mtls");
        String name = kafkaName(kafka);
        assertThat(v.path("kafka").path("securityProtocol").asText()).isEqualTo("SSL");
        assertThat(v.path("kafka").path("tls").path("caSecret").path("name").asText()).isEqualTo(name + "-cluster-ca-cert");
        Set<String> used = new HashSet<>();
        for (String key : Manifests.INGRESS_PATHS.keySet()) {
            used.add(v.path("services").path(key).path("kafkaCredentials").path("clientCertificate").path("existingSecret").asText());
        }
        assertThat(used).as("one KafkaUser per service and the console").hasSize(5).isEqualTo(kafkaUsers(kafka));
        kafka.stream().filter(r -> r.path("kind").asText().equals("KafkaUser"))
                .forEach(u -> assertThat(u.path("spec").path("authentication").path("type").asText()).isEqualTo("tls"));
    }

    @Test
    void cloudnativePgValuesUseTheClusterServiceCaAndSuperuserSecret() throws Exception {
        List<ObjectNode> pg = resources("cloudnative-pg/cluster.yaml");
        JsonNode v = values("cloudnative-pg");
        ObjectNode cluster = pg.get(0);
        String name = cluster.path("metadata").path("name").asText();
        assertThat(v.path("postgresql").path("host").asText()).isEqualTo(name + "-rw");
        assertThat(v.path("postgresql").path("database").asText())
                .isEqualTo(cluster.path("spec").path("bootstrap").path("initdb").path("database").asText());
        assertThat(v.path("postgresql").path("tls").path("mode").asText()).isEqualTo("verify-full");
        assertThat(v.path("postgresql").path("tls").path("caSecret").path("name").asText()).isEqualTo(name + "-ca");
        assertThat(cluster.path("spec").path("enableSuperuserAccess").asBoolean()).isTrue();
        assertThat(v.path("postgresql").path("bootstrap").path("adminSecret").path("name").asText()).isEqualTo(name + "-superuser");
    }
}
