package io.timeflow.deploy.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's rendered manifests, made playable by podman 4.3 ({@code podman kube play}) with as few
 * changes as podman needs. Each change, and why:
 * <ul>
 *   <li><b>Secrets</b> become podman secrets ({@link #secrets()}): podman 4.3 stores a Secret document
 *       given to kube play in a form its own secretKeyRef lookup cannot read; a podman secret holding
 *       the JSON map of key to base64 value is what that lookup reads.</li>
 *   <li><b>Helm hooks</b> (pre-install: the bootstrap Job's ConfigMap and the Job) are played first,
 *       in weight order, and the rest only after the Job succeeded, as Helm does.</li>
 *   <li><b>A Job</b> becomes a Pod with the Job's pod template (podman has no Job); the launcher waits
 *       for it to end and fails on a non-zero exit, as a failed hook fails an install.</li>
 *   <li><b>Replicas</b>: podman plays one pod per Deployment, so a Deployment of N replicas becomes N
 *       Deployments of one ({@code <name>}, {@code <name>-2}, ...), each a pod of the same template.</li>
 *   <li><b>Host ports</b>: without Services or an Ingress, each copy's container ports are published on
 *       the host (hostPort), at the ports the launcher chooses.</li>
 *   <li><b>A Service's address</b> in a container's environment ({@code http://timeflow-staging:8080}, how
 *       the console finds the APIs) becomes the address of the first copy's pod, which podman's network
 *       resolves, at the container port the Service targets ({@link #serviceAddresses()}): no Service
 *       exists to resolve its own name.</li>
 *   <li><b>emptyDir volumes</b> are renamed per pod ({@code <pod>-<volume>}): podman 4.3 makes a named
 *       volume of each, named after the volume, which pods with the same template would share.</li>
 *   <li><b>Services, ServiceAccounts, PodDisruptionBudgets, HorizontalPodAutoscalers, Ingresses,
 *       NetworkPolicies, ServiceMonitors</b> are left out ({@link #leftOut()}): podman has none of them;
 *       the offline chart checks cover them (docs/deploy.md).</li>
 * </ul>
 * Everything else (images, commands, environment, securityContext, probes, resources, volumes,
 * ConfigMaps, PersistentVolumeClaims) is played as the chart rendered it.
 */
final class PodmanManifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    static final ObjectMapper JSON = new ObjectMapper();

    /** Chooses the host port of a container port of one copy of a Deployment. */
    interface HostPorts {
        int of(String deployment, int copy, String portName, int containerPort);
    }

    /** One copy of a Deployment: which Deployment of the chart, which copy, under which name. */
    record Copy(String deployment, String component, int copy, String name, ObjectNode manifest) {
        /** The pod podman makes of it; pods find each other by this name. */
        String podName() {
            return name + "-pod-0";
        }

        /** The container podman makes of the pod's first container. */
        String containerName() {
            JsonNode c = manifest.path("spec").path("template").path("spec").path("containers").path(0);
            return podName() + "-" + c.path("name").asText();
        }
    }

    private final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
    private final List<ObjectNode> hooks = new ArrayList<>();
    private final List<ObjectNode> jobPods = new ArrayList<>();
    private final List<ObjectNode> resources = new ArrayList<>();
    private final List<Copy> copies = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();

    private PodmanManifests() {
    }

    /** @param copiesOf the number of copies of a Deployment (the chart's replicas, or the launcher's choice) */
    static PodmanManifests of(String rendered, java.util.function.ToIntFunction<ObjectNode> copiesOf, HostPorts ports) {
        PodmanManifests m = new PodmanManifests();
        List<ObjectNode> hookDocs = new ArrayList<>();
        List<ObjectNode> services = new ArrayList<>();
        for (ObjectNode doc : parse(rendered)) {
            String kind = doc.path("kind").asText();
            String name = doc.path("metadata").path("name").asText();
            switch (kind) {
                case "Secret" -> m.secrets.put(name, secretData(doc));
                case "Job" -> hookDocs.add(doc);
                case "ConfigMap", "PersistentVolumeClaim" -> {
                    if (doc.path("metadata").path("annotations").has(ChartRender.HOOK)) {
                        hookDocs.add(doc);
                    } else {
                        m.resources.add(doc);
                    }
                }
                case "Deployment" -> {
                    int n = copiesOf.applyAsInt(doc);
                    for (int i = 0; i < n; i++) {
                        String copyName = i == 0 ? name : name + "-" + (i + 1);
                        ObjectNode copy = doc.deepCopy();
                        ((ObjectNode) copy.get("metadata")).put("name", copyName);
                        ((ObjectNode) copy.get("spec")).put("replicas", 1);
                        ObjectNode podSpec = (ObjectNode) copy.path("spec").path("template").path("spec");
                        publishPorts(podSpec, name, i, ports);
                        renameEmptyDirs(podSpec, copyName);
                        String component = doc.path("metadata").path("labels").path("app.kubernetes.io/component").asText(name);
                        m.copies.add(new Copy(name, component, i, copyName, copy));
                        m.resources.add(copy);
                    }
                }
                default -> {
                    if (kind.equals("Service")) {
                        services.add(doc);
                    }
                    m.leftOut.add(kind + "/" + name);
                }
            }
        }
        m.pointServiceAddressesAtPods(services);
        hookDocs.sort(Comparator.comparingInt(PodmanManifests::hookWeight));
        for (ObjectNode doc : hookDocs) {
            if ("Job".equals(doc.path("kind").asText())) {
                ObjectNode pod = jobAsPod(doc);
                m.jobPods.add(pod);
                m.hooks.add(pod);
            } else {
                m.hooks.add(doc);
            }
        }
        return m;
    }

    private final Map<String, String> serviceAddresses = new LinkedHashMap<>();

    /**
     * Rewrites {@code scheme://<service>:<port>} in every copy's environment values to the first pod of the
     * Deployment the Service selects, at the container port it targets.
     */
    private void pointServiceAddressesAtPods(List<ObjectNode> services) {
        for (ObjectNode svc : services) {
            String name = svc.path("metadata").path("name").asText();
            JsonNode selector = svc.path("spec").path("selector");
            Copy first = copies.stream().filter(c -> c.copy() == 0 && selects(selector,
                    c.manifest().path("spec").path("template").path("metadata").path("labels"))).findFirst().orElse(null);
            if (first == null) {
                continue;
            }
            JsonNode container = first.manifest().path("spec").path("template").path("spec").path("containers").path(0);
            for (JsonNode port : svc.path("spec").path("ports")) {
                JsonNode target = port.path("targetPort");
                int containerPort = target.isInt() ? target.asInt() : port.path("port").asInt();
                if (target.isTextual()) {
                    for (JsonNode cp : container.path("ports")) {
                        if (cp.path("name").asText().equals(target.asText())) {
                            containerPort = cp.path("containerPort").asInt();
                        }
                    }
                }
                serviceAddresses.put("://" + name + ":" + port.path("port").asInt(), "://" + first.podName() + ":" + containerPort);
            }
        }
        for (Copy c : copies) {
            for (JsonNode container : c.manifest().path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode env : container.path("env")) {
                    if (env.path("value").isTextual()) {
                        String v = env.path("value").asText();
                        for (var e : serviceAddresses.entrySet()) {
                            v = v.replace(e.getKey(), e.getValue());
                        }
                        ((ObjectNode) env).put("value", v);
                    }
                }
            }
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (var it = selector.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** {@code ://<service>:<port>} → {@code ://<first pod>:<container port>}: what the environment values were pointed at. */
    Map<String, String> serviceAddresses() {
        return serviceAddresses;
    }

    /** Secret name → key → base64 value, as podman's secretKeyRef reads it. */
    Map<String, Map<String, String>> secrets() {
        return secrets;
    }

    /** What is played first: hook ConfigMaps and the Jobs as Pods, in hook weight order. */
    List<ObjectNode> hooks() {
        return hooks;
    }

    List<ObjectNode> jobPods() {
        return jobPods;
    }

    /** What is played after the hooks: ConfigMaps, claims and the copies of each Deployment. */
    List<ObjectNode> resources() {
        return resources;
    }

    List<Copy> copies() {
        return copies;
    }

    /** kind/name of everything podman cannot show. */
    List<String> leftOut() {
        return leftOut;
    }

    static String toYaml(List<ObjectNode> docs) {
        StringBuilder b = new StringBuilder();
        for (ObjectNode d : docs) {
            try {
                b.append("---\n").append(YAML.writeValueAsString(d));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return b.toString();
    }

    static List<ObjectNode> parse(String multiDocument) {
        List<ObjectNode> docs = new ArrayList<>();
        try {
            Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(multiDocument);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc instanceof ObjectNode o && o.has("kind")) {
                    docs.add(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    private static Map<String, String> secretData(ObjectNode secret) {
        Map<String, String> data = new LinkedHashMap<>();
        secret.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        secret.path("stringData").properties().forEach(e -> data.put(e.getKey(),
                java.util.Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return data;
    }

    private static int hookWeight(ObjectNode doc) {
        String w = doc.path("metadata").path("annotations").path("helm.sh/hook-weight").asText("0");
        try {
            return Integer.parseInt(w.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ObjectNode jobAsPod(ObjectNode job) {
        ObjectNode pod = JSON.createObjectNode();
        pod.put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("name", job.path("metadata").path("name").asText());
        JsonNode labels = job.path("spec").path("template").path("metadata").path("labels");
        if (labels.isObject()) {
            meta.set("labels", labels.deepCopy());
        }
        ObjectNode spec = (ObjectNode) job.path("spec").path("template").path("spec").deepCopy();
        renameEmptyDirs(spec, meta.path("name").asText());
        pod.set("spec", spec);
        return pod;
    }

    private static void publishPorts(ObjectNode podSpec, String deployment, int copy, HostPorts ports) {
        for (JsonNode c : podSpec.path("containers")) {
            for (JsonNode p : c.path("ports")) {
                ObjectNode port = (ObjectNode) p;
                port.put("hostPort", ports.of(deployment, copy, port.path("name").asText(), port.path("containerPort").asInt()));
            }
        }
    }

    private static void renameEmptyDirs(ObjectNode podSpec, String prefix) {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (JsonNode v : podSpec.path("volumes")) {
            if (v.has("emptyDir")) {
                String old = v.path("name").asText();
                String now = prefix + "-" + old;
                ((ObjectNode) v).put("name", now);
                renamed.put(old, now);
            }
        }
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : podSpec.path(list)) {
                for (JsonNode m : c.path("volumeMounts")) {
                    String to = renamed.get(m.path("name").asText());
                    if (to != null) {
                        ((ObjectNode) m).put("name", to);
                    }
                }
            }
        }
    }
}
