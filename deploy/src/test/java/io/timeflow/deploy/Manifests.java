package io.timeflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Ways into a list of rendered Kubernetes manifests. */
final class Manifests {

    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    /** The component keys of the chart and the path prefixes the Ingress routes to each (the console takes the rest). */
    static final Map<String, List<String>> INGRESS_PATHS = new LinkedHashMap<>();

    /** The four services: each has a database role, tokens to verify and a consumer group. */
    static final List<String> SERVICES = List.of("staging", "snapshot", "plugin", "backup");

    static {
        INGRESS_PATHS.put("staging", List.of("/api/v1/environments", "/api/v1/dsources", "/api/v1/faults", "/api/v1/agents",
                "/api/v1/api-keys"));
        INGRESS_PATHS.put("snapshot", List.of("/api/v1/snapsync", "/api/v1/snapshots", "/api/v1/timeflows",
                "/api/v1/sync-policies", "/api/v1/vdbs", "/api/v1/target-environments"));
        INGRESS_PATHS.put("plugin", List.of("/api/v1/plugins"));
        INGRESS_PATHS.put("backup", List.of("/api/v1/backups", "/api/v1/restores", "/api/v1/backup-schedule",
                "/api/v1/data-keys"));
        INGRESS_PATHS.put("console", List.of("/"));
    }

    private final List<ObjectNode> docs;

    Manifests(List<ObjectNode> docs) {
        this.docs = docs;
    }

    static Manifests of(Chart.Scenario scenario) {
        return new Manifests(Chart.manifests(scenario));
    }

    List<ObjectNode> all() {
        return docs;
    }

    List<ObjectNode> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst();
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static String component(JsonNode doc) {
        return doc.path("metadata").path("labels").path("app.kubernetes.io/component").asText();
    }

    /** Workloads (Deployments, Jobs, ...) with their pod specs. */
    List<ObjectNode> workloads() {
        return docs.stream().filter(d -> WORKLOADS.contains(d.path("kind").asText())).toList();
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /** Every container (init containers too) of a workload. */
    static List<JsonNode> containers(JsonNode workload) {
        List<JsonNode> all = new ArrayList<>();
        podSpec(workload).path("initContainers").forEach(all::add);
        podSpec(workload).path("containers").forEach(all::add);
        return all;
    }

    /** The Deployment of a component key (staging, ..., console), if the scenario deploys it. */
    Optional<ObjectNode> deploymentOf(String key) {
        String component = "console".equals(key) ? "console" : key + "-service";
        return ofKind("Deployment").stream().filter(d -> component(d).equals(component)).findFirst();
    }

    static JsonNode mainContainer(JsonNode deployment) {
        return podSpec(deployment).path("containers").path(0);
    }

    static Optional<JsonNode> env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String envValue(JsonNode container, String name) {
        return env(container, name).map(e -> e.path("value").asText(null)).orElse(null);
    }

    /** The mount path of a volume that the container mounts, by volume name. */
    static Optional<String> mountPath(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (volume.equals(m.path("name").asText())) {
                return Optional.of(m.path("mountPath").asText());
            }
        }
        return Optional.empty();
    }

    static Optional<JsonNode> volume(JsonNode workload, String name) {
        for (JsonNode v : podSpec(workload).path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** A place in the manifests that names a Secret or a ConfigMap, for messages. */
    record Reference(String kind, String name, String where) {
    }

    /** Every Secret and ConfigMap the manifests name (env, envFrom, volumes, pull secrets, TLS, scraping). */
    List<Reference> references() {
        List<Reference> refs = new ArrayList<>();
        for (ObjectNode w : workloads()) {
            String owner = w.path("kind").asText() + "/" + name(w);
            JsonNode pod = podSpec(w);
            if (pod.has("serviceAccountName")) {
                refs.add(new Reference("ServiceAccount", pod.path("serviceAccountName").asText(), owner + " serviceAccountName"));
            }
            pod.path("imagePullSecrets").forEach(s -> refs.add(new Reference("Secret", s.path("name").asText(), owner + " imagePullSecrets")));
            for (JsonNode v : pod.path("volumes")) {
                if (v.has("secret")) {
                    refs.add(new Reference("Secret", v.path("secret").path("secretName").asText(), owner + " volume " + v.path("name").asText()));
                }
                if (v.has("configMap")) {
                    refs.add(new Reference("ConfigMap", v.path("configMap").path("name").asText(), owner + " volume " + v.path("name").asText()));
                }
                if (v.has("persistentVolumeClaim")) {
                    refs.add(new Reference("PersistentVolumeClaim", v.path("persistentVolumeClaim").path("claimName").asText(), owner + " volume " + v.path("name").asText()));
                }
            }
            for (JsonNode c : containers(w)) {
                String where = owner + " container " + c.path("name").asText();
                for (JsonNode e : c.path("env")) {
                    JsonNode from = e.path("valueFrom");
                    if (from.has("secretKeyRef")) {
                        refs.add(new Reference("Secret", from.path("secretKeyRef").path("name").asText(), where + " env " + e.path("name").asText()));
                    }
                    if (from.has("configMapKeyRef")) {
                        refs.add(new Reference("ConfigMap", from.path("configMapKeyRef").path("name").asText(), where + " env " + e.path("name").asText()));
                    }
                }
                for (JsonNode e : c.path("envFrom")) {
                    if (e.has("secretRef")) {
                        refs.add(new Reference("Secret", e.path("secretRef").path("name").asText(), where + " envFrom"));
                    }
                    if (e.has("configMapRef")) {
                        refs.add(new Reference("ConfigMap", e.path("configMapRef").path("name").asText(), where + " envFrom"));
                    }
                }
            }
        }
        for (ObjectNode ing : ofKind("Ingress")) {
            ing.path("spec").path("tls").forEach(t -> refs.add(new Reference("Secret", t.path("secretName").asText(), "Ingress/" + name(ing) + " tls")));
        }
        for (ObjectNode sm : ofKind("ServiceMonitor")) {
            for (JsonNode ep : sm.path("spec").path("endpoints")) {
                JsonNode ca = ep.path("tlsConfig").path("ca").path("secret");
                if (!ca.isMissingNode()) {
                    refs.add(new Reference("Secret", ca.path("name").asText(), "ServiceMonitor/" + name(sm) + " tlsConfig.ca"));
                }
            }
        }
        return refs;
    }
}
