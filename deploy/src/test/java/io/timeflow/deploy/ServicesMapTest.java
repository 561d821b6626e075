package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * services.&lt;name&gt; overrides the default block key by key: maps merge, other values replace,
 * and a false or empty value does override a default (unlike sprig's mergeOverwrite).
 */
class ServicesMapTest {

    private static Manifests render(String name, String yaml) {
        Path values = Chart.valuesFile("services-map-" + name, yaml);
        return new Manifests(Chart.parse(Chart.template(Chart.defaults(), values)));
    }

    @Test
    void aFalseInOneServiceOverridesTheDefaultForThatServiceOnly() {
        Manifests m = render("pdb-off", "services: {plugin: {podDisruptionBudget: {enabled: false}}}\n");
        assertThat(m.find("PodDisruptionBudget", "timeflow-plugin")).isEmpty();
        assertThat(m.find("PodDisruptionBudget", "timeflow-staging")).isPresent();
        assertThat(m.find("PodDisruptionBudget", "timeflow-snapshot")).isPresent();
    }

    @Test
    void nestedMapsMergeKeyByKey() {
        Manifests m = render("limits", "services: {staging: {resources: {limits: {memory: 2Gi}}}}\n");
        JsonNode resources = Manifests.mainContainer(m.deploymentOf("staging").orElseThrow()).path("resources");
        assertThat(resources.path("limits").path("memory").asText()).isEqualTo("2Gi");
        assertThat(resources.path("limits").path("cpu").asText()).as("kept from default").isEqualTo("2");
        assertThat(resources.path("requests").path("memory").asText()).as("kept from default").isEqualTo("384Mi");
        JsonNode snapshot = Manifests.mainContainer(m.deploymentOf("snapshot").orElseThrow()).path("resources");
        assertThat(snapshot.path("limits").path("memory").asText()).as("other services untouched").isEqualTo("640Mi");
    }

    @Test
    void listsReplaceAndAServiceCanBeLeftOut() {
        Manifests m = render("lists", """
                services:
                  backup: {enabled: false}
                  snapshot: {ingressPaths: [/api/v1/snapshots]}
                ingress: {enabled: true}
                """);
        assertThat(m.deploymentOf("backup")).isEmpty();
        assertThat(m.find("Service", "timeflow-backup")).isEmpty();
        assertThat(m.find("PersistentVolumeClaim", "timeflow-backup-data")).isEmpty();
        String ingress = m.ofKind("Ingress").get(0).toString();
        assertThat(ingress).contains("/api/v1/snapshots").doesNotContain("/api/v1/vdbs").doesNotContain("/api/v1/backups");
    }

    @Test
    void theDefaultBlockReachesEveryServiceUnlessOverridden() {
        Manifests m = render("replicas", "default: {replicas: 4}\nservices: {snapshot: {replicas: 1}}\n");
        assertThat(m.deploymentOf("staging").orElseThrow().path("spec").path("replicas").asInt()).isEqualTo(4);
        assertThat(m.deploymentOf("plugin").orElseThrow().path("spec").path("replicas").asInt()).isEqualTo(4);
        assertThat(m.deploymentOf("snapshot").orElseThrow().path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(m.deploymentOf("backup").orElseThrow().path("spec").path("replicas").asInt())
                .as("backup-service's own value wins over default").isEqualTo(1);
    }
}
