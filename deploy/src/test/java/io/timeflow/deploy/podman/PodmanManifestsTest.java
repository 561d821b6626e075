package io.timeflow.deploy.podman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart as ./timeflow kube renders it (ci/podman-values.yaml plus inline secrets), and what
 * {@link PodmanManifests} changes for podman: only the changes its documentation lists.
 */
class PodmanManifestsTest {

    static String rendered;
    static PodmanManifests plan;

    @BeforeAll
    static void render() throws Exception {
        Path secrets = Path.of("target/podman-test-secrets.yaml");
        java.nio.file.Files.writeString(secrets, """
                secrets:
                  encryptionKey:
                    value: "3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
                  backupPassphrase:
                    value: test-passphrase
                services:
                  staging: {database: {password: p-staging}}
                  snapshot: {database: {password: p-snapshot}}
                  plugin: {database: {password: p-plugin}}
                  backup: {database: {password: p-backup}}
                """);
        rendered = ChartRender.template(Path.of("helm/timeflow"), Path.of("target/podman-test-chart"), "timeflow", "timeflow",
                List.of(Path.of("helm/timeflow/ci/podman-values.yaml"), secrets));
        plan = PodmanManifests.of(rendered, d -> d.path("spec").path("replicas").asInt(1),
                (deployment, copy, port, containerPort) -> KubeRun.hostPort(25000, deployment, copy, port));
    }

    @Test
    void everyDeploymentOfTwoReplicasBecomesTwoCopiesOfOneWithTheSameTemplate() {
        assertThat(plan.copies()).extracting(PodmanManifests.Copy::name).containsExactly(
                "timeflow-staging", "timeflow-staging-2", "timeflow-snapshot", "timeflow-snapshot-2",
                "timeflow-plugin", "timeflow-plugin-2", "timeflow-backup", "timeflow-backup-2",
                "timeflow-console", "timeflow-console-2");
        for (PodmanManifests.Copy c : plan.copies()) {
            assertThat(c.manifest().path("spec").path("replicas").asInt()).isEqualTo(1);
            JsonNode original = deployment(c.deployment());
            JsonNode container = c.manifest().path("spec").path("template").path("spec").path("containers").path(0);
            JsonNode originalContainer = original.path("spec").path("template").path("spec").path("containers").path(0);
            for (String same : List.of("image", "env", "securityContext", "readinessProbe", "livenessProbe", "startupProbe",
                    "resources")) {
                if (same.equals("env") && c.deployment().equals("timeflow-console")) {
                    continue; // the Service addresses in the console's environment: the next test
                }
                assertThat(container.get(same)).as("%s of %s as the chart rendered it", same, c.name())
                        .isEqualTo(originalContainer.get(same));
            }
            assertThat(c.manifest().path("spec").path("template").path("spec").path("securityContext"))
                    .isEqualTo(original.path("spec").path("template").path("spec").path("securityContext"));
        }
        assertThat(plan.copies().get(1).containerName()).isEqualTo("timeflow-staging-2-pod-0-staging-service");
    }

    @Test
    void eachCopyPublishesItsApiAndManagementPortsOnItsOwnHostPorts() {
        List<Integer> hostPorts = new ArrayList<>();
        for (PodmanManifests.Copy c : plan.copies()) {
            for (JsonNode p : c.manifest().path("spec").path("template").path("spec").path("containers").path(0).path("ports")) {
                hostPorts.add(p.path("hostPort").asInt());
            }
        }
        assertThat(hostPorts).doesNotHaveDuplicates()
                .containsExactly(25081, 25091, 25181, 25191, 25082, 25092, 25182, 25192, 25083, 25093, 25183, 25193,
                        25084, 25094, 25184, 25194, 25080, 25090, 25180, 25190)
                .allSatisfy(p -> assertThat(p).isBetween(25000, 25999));
    }

    @Test
    void emptyDirVolumesAreNamedPerPodAndTheirMountsFollow() {
        for (PodmanManifests.Copy c : plan.copies()) {
            JsonNode spec = c.manifest().path("spec").path("template").path("spec");
            List<String> emptyDirs = new ArrayList<>();
            spec.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            });
            assertThat(emptyDirs).containsExactly(c.name() + "-tmp");
            assertThat(spec.path("containers").path(0).path("volumeMounts")).anySatisfy(m -> {
                assertThat(m.path("name").asText()).isEqualTo(c.name() + "-tmp");
                assertThat(m.path("mountPath").asText()).isEqualTo("/tmp");
            });
        }
    }

    @Test
    void theBootstrapJobRunsFirstAsAPodAfterItsConfigMap() {
        assertThat(plan.hooks()).extracting(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText())
                .containsExactly("ConfigMap/timeflow-db-bootstrap", "Pod/timeflow-db-bootstrap");
        ObjectNode pod = plan.jobPods().get(0);
        JsonNode job = docs().stream().filter(d -> d.path("kind").asText().equals("Job")).findFirst().orElseThrow();
        assertThat(pod.path("spec").path("restartPolicy").asText()).isEqualTo("Never");
        JsonNode jobContainer = job.path("spec").path("template").path("spec").path("containers").path(0);
        for (String same : List.of("command", "image", "env", "securityContext", "resources")) {
            assertThat(pod.path("spec").path("containers").path(0).get(same)).as(same).isEqualTo(jobContainer.get(same));
        }
        assertThat(pod.path("spec").path("securityContext"))
                .isEqualTo(job.path("spec").path("template").path("spec").path("securityContext"));
        assertThat(pod.path("spec").path("containers").path(0).path("image").asText())
                .startsWith("localhost/timeflow/ci-postgresql:");
    }

    @Test
    void secretsBecomePodmanSecretsHoldingEachKeysBase64Value() {
        assertThat(plan.secrets()).containsKeys("timeflow-shared", "timeflow-staging-db", "timeflow-backup-db");
        assertThat(new String(Base64.getDecoder().decode(plan.secrets().get("timeflow-staging-db").get("password"))))
                .isEqualTo("p-staging");
        assertThat(PodmanManifests.toYaml(plan.hooks()) + PodmanManifests.toYaml(plan.resources()))
                .as("no Secret document is played, and no secret value is in what is played")
                .doesNotContain("kind: Secret").doesNotContain("p-staging").doesNotContain("test-passphrase");
    }

    @Test
    void theConsoleReachesEachApiAtThePodOfItsFirstCopyInsteadOfTheServiceName() {
        PodmanManifests.Copy console = plan.copies().stream().filter(c -> c.name().equals("timeflow-console")).findFirst()
                .orElseThrow();
        Map<String, String> env = new java.util.TreeMap<>();
        for (JsonNode e : console.manifest().path("spec").path("template").path("spec").path("containers").path(0).path("env")) {
            if (e.path("name").asText().matches("TIMEFLOW_[A-Z]+_URL")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        assertThat(env).containsExactly(Map.entry("TIMEFLOW_BACKUP_URL", "http://timeflow-backup-pod-0:8080"),
                Map.entry("TIMEFLOW_PLUGIN_URL", "http://timeflow-plugin-pod-0:8080"),
                Map.entry("TIMEFLOW_SNAPSHOT_URL", "http://timeflow-snapshot-pod-0:8080"),
                Map.entry("TIMEFLOW_STAGING_URL", "http://timeflow-staging-pod-0:8080"));
        assertThat(plan.serviceAddresses()).containsEntry("://timeflow-staging:8080", "://timeflow-staging-pod-0:8080");
        // the services' own environment has no Service address to rewrite: they are left as rendered
        PodmanManifests.Copy staging = plan.copies().get(0);
        assertThat(staging.manifest().path("spec").path("template").path("spec").path("containers").path(0).path("env"))
                .isEqualTo(deployment("timeflow-staging").path("spec").path("template").path("spec").path("containers").path(0)
                        .path("env"));
    }

    @Test
    void whatPodmanCannotShowIsLeftOutAndNamed() {
        assertThat(plan.leftOut()).contains("Service/timeflow-staging", "ServiceAccount/timeflow-staging")
                .allSatisfy(k -> assertThat(k).matches("(Service|ServiceAccount|PodDisruptionBudget|HorizontalPodAutoscaler"
                        + "|Ingress|NetworkPolicy|ServiceMonitor)/.*"));
        assertThat(plan.resources()).extracting(d -> d.path("kind").asText())
                .contains("Deployment").isSubsetOf("ConfigMap", "PersistentVolumeClaim", "Deployment");
    }

    @Test
    void hostPortsAreRefusedForAnUnknownPortOrService() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubeRun.hostPort(25000, "timeflow-staging", 0, "debug"))
                .hasMessageContaining("debug");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubeRun.hostPort(25000, "timeflow-agent", 0, "http"))
                .hasMessageContaining("timeflow-agent");
    }

    private static List<ObjectNode> docs() {
        return PodmanManifests.parse(rendered);
    }

    private static JsonNode deployment(String name) {
        return docs().stream().filter(d -> d.path("kind").asText().equals("Deployment")
                && d.path("metadata").path("name").asText().equals(name)).findFirst().orElseThrow();
    }
}
