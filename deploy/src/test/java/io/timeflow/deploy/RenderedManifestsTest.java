package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules every rendering of the chart must keep, checked on the parsed output of
 * {@code helm template} for the default values, each ci/ scenario and each example.
 */
class RenderedManifestsTest {

    static List<Chart.Scenario> scenarios() {
        return Chart.allScenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyServiceContainerHasLivenessReadinessAndStartupProbesOnTheManagementHealthEndpoints(Chart.Scenario scenario) {
        Manifests m = Manifests.of(scenario);
        assertThat(m.ofKind("Deployment")).as("a scenario deploys at least one service").isNotEmpty();
        for (ObjectNode d : m.ofKind("Deployment")) {
            for (JsonNode c : Manifests.containers(d)) {
                String who = Manifests.name(d) + "/" + c.path("name").asText();
                assertProbe(who, c.path("livenessProbe"), "/q/health/live");
                assertProbe(who, c.path("readinessProbe"), "/q/health/ready");
                assertProbe(who, c.path("startupProbe"), "/q/health/started");
                assertThat(containerPortNames(c)).as("%s exposes the management port its probes use", who).contains("management");
            }
        }
    }

    private static void assertProbe(String who, JsonNode probe, String path) {
        assertThat(probe.isMissingNode()).as("%s has a probe on %s", who, path).isFalse();
        assertThat(probe.path("httpGet").path("path").asText()).as("%s probe path", who).isEqualTo(path);
        assertThat(probe.path("httpGet").path("port").asText()).as("%s probe port", who).isEqualTo("management");
        assertThat(probe.path("periodSeconds").asInt()).as("%s probe period", who).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyContainerHasResourceRequestsAndAMemoryLimit(Chart.Scenario scenario) {
        for (ObjectNode w : Manifests.of(scenario).workloads()) {
            for (JsonNode c : Manifests.containers(w)) {
                String who = Manifests.name(w) + "/" + c.path("name").asText();
                JsonNode r = c.path("resources");
                assertThat(r.path("requests").path("cpu").asText()).as("%s requests cpu", who).isNotBlank();
                assertThat(r.path("requests").path("memory").asText()).as("%s requests memory", who).isNotBlank();
                assertThat(r.path("limits").path("memory").asText()).as("%s limits memory", who).isNotBlank();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyContainerRunsAsNonRootWithoutPrivilegeEscalationOnAReadOnlyRoot(Chart.Scenario scenario) {
        for (ObjectNode w : Manifests.of(scenario).workloads()) {
            JsonNode pod = Manifests.podSpec(w).path("securityContext");
            assertThat(Manifests.podSpec(w).path("automountServiceAccountToken").asBoolean(true))
                    .as("%s mounts no Kubernetes API token", Manifests.name(w)).isFalse();
            for (JsonNode c : Manifests.containers(w)) {
                String who = Manifests.name(w) + "/" + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                boolean nonRoot = sc.has("runAsNonRoot") ? sc.path("runAsNonRoot").asBoolean() : pod.path("runAsNonRoot").asBoolean();
                assertThat(nonRoot).as("%s runAsNonRoot", who).isTrue();
                JsonNode uid = sc.has("runAsUser") ? sc.path("runAsUser") : pod.path("runAsUser");
                assertThat(uid.isMissingNode() || uid.asLong() != 0).as("%s does not run as uid 0", who).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())
                        .as("%s sets allowPrivilegeEscalation: false", who).isTrue();
                assertThat(sc.path("privileged").asBoolean(false)).as("%s is not privileged", who).isFalse();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("%s has a read-only root filesystem", who).isTrue();
                assertThat(sc.path("capabilities").path("drop").toString()).as("%s drops all capabilities", who).contains("\"ALL\"");
            }
        }
    }

    /**
     * A Secret, ConfigMap or claim that the manifests name is either rendered by the chart or
     * listed in the install NOTES as one the release expects to find: nothing is missing silently.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everySecretReferenceExistsOrIsListedAsExternalInTheInstallNotes(Chart.Scenario scenario) {
        Manifests m = Manifests.of(scenario);
        String notes = Chart.installNotes(scenario);
        String externalSection = notes.substring(notes.indexOf("does not create"));
        List<String> missing = new ArrayList<>();
        for (Manifests.Reference ref : m.references()) {
            assertThat(ref.name()).as("%s names a %s", ref.where(), ref.kind()).isNotBlank();
            boolean rendered = m.find(ref.kind(), ref.name()).isPresent();
            boolean listed = Pattern.compile("(?m)^  - " + Pattern.quote(ref.kind() + " " + ref.name()) + "\\b")
                    .matcher(externalSection).find();
            if (!rendered && !listed) {
                missing.add(ref.kind() + " " + ref.name() + " (" + ref.where() + ")");
            }
        }
        assertThat(missing).as("references neither rendered nor listed in NOTES:\n%s", notes).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyDeployedServiceHasItsIngressPathsRoutedToItsOwnServicePort(Chart.Scenario scenario) {
        Manifests m = Manifests.of(scenario);
        List<ObjectNode> ingresses = m.ofKind("Ingress");
        boolean enabled = Chart.effectiveValues(scenario).path("ingress").path("enabled").asBoolean();
        assertThat(ingresses).as("one Ingress when ingress.enabled").hasSize(enabled ? 1 : 0);
        if (!enabled) {
            return;
        }
        Map<String, String> backendByPath = new java.util.HashMap<>();
        Map<String, String> portByPath = new java.util.HashMap<>();
        for (JsonNode rule : ingresses.get(0).path("spec").path("rules")) {
            for (JsonNode p : rule.path("http").path("paths")) {
                assertThat(p.path("pathType").asText()).isEqualTo("Prefix");
                String path = p.path("path").asText();
                assertThat(backendByPath).as("path %s routed once", path).doesNotContainKey(path);
                backendByPath.put(path, p.path("backend").path("service").path("name").asText());
                portByPath.put(path, p.path("backend").path("service").path("port").path("name").asText());
            }
        }
        Set<String> expectedPaths = new HashSet<>();
        Manifests.INGRESS_PATHS.forEach((key, paths) -> m.deploymentOf(key).ifPresent(d -> {
            ObjectNode service = m.find("Service", Manifests.name(d)).orElseThrow();
            Set<String> servicePorts = new HashSet<>();
            service.path("spec").path("ports").forEach(p -> servicePorts.add(p.path("name").asText()));
            for (String path : paths) {
                expectedPaths.add(path);
                assertThat(backendByPath.get(path)).as("%s routes to %s", path, key).isEqualTo(Manifests.name(service));
                assertThat(servicePorts).as("port of %s on Service %s", path, Manifests.name(service)).contains(portByPath.get(path));
            }
        }));
        assertThat(backendByPath.keySet()).as("no path routed to a service that is not deployed").isEqualTo(expectedPaths);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void servicesSelectTheirOwnPodsAndTargetPortsTheContainersOpen(Chart.Scenario scenario) {
        Manifests m = Manifests.of(scenario);
        for (ObjectNode svc : m.ofKind("Service")) {
            ObjectNode d = m.find("Deployment", Manifests.name(svc)).orElseThrow();
            JsonNode podLabels = d.path("spec").path("template").path("metadata").path("labels");
            svc.path("spec").path("selector").properties().forEach(e ->
                    assertThat(podLabels.path(e.getKey()).asText()).as("%s selects %s", Manifests.name(svc), e.getKey())
                            .isEqualTo(e.getValue().asText()));
            assertThat(d.path("spec").path("selector").path("matchLabels")).isEqualTo(svc.path("spec").path("selector"));
            Set<String> open = containerPortNames(Manifests.mainContainer(d));
            svc.path("spec").path("ports").forEach(p ->
                    assertThat(open).as("%s targets a named container port", Manifests.name(svc)).contains(p.path("targetPort").asText()));
        }
        for (ObjectNode d : m.ofKind("Deployment")) {
            assertThat(m.find("Service", Manifests.name(d))).as("Service for %s", Manifests.name(d)).isPresent();
        }
    }

    /** With networkPolicy.enabled, each service's pods admit traffic on their API and management ports only. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void networkPoliciesAdmitOnlyTheApiAndManagementPortsOfEachService(Chart.Scenario scenario) {
        Manifests m = Manifests.of(scenario);
        boolean enabled = Chart.effectiveValues(scenario).path("networkPolicy").path("enabled").asBoolean();
        assertThat(m.ofKind("NetworkPolicy")).hasSize(enabled ? m.ofKind("Deployment").size() : 0);
        for (ObjectNode policy : m.ofKind("NetworkPolicy")) {
            ObjectNode d = m.find("Deployment", Manifests.name(policy)).orElseThrow();
            assertThat(policy.path("spec").path("podSelector").path("matchLabels"))
                    .isEqualTo(d.path("spec").path("selector").path("matchLabels"));
            Set<String> admitted = new HashSet<>();
            policy.path("spec").path("ingress").forEach(rule -> rule.path("ports").forEach(p -> admitted.add(p.path("port").asText())));
            assertThat(admitted).isEqualTo(containerPortNames(Manifests.mainContainer(d)));
            JsonNode management = policy.path("spec").path("ingress").path(1);
            assertThat(management.path("from").isArray() && !management.path("from").isEmpty())
                    .as("health and metrics are not open to every source").isTrue();
        }
    }

    /** What each service reads its configuration from (see docs/deploy.md). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyServiceGetsItsDatabaseRoleKafkaJwtAndConsumerGroupFromTheEnvironment(Chart.Scenario scenario) {
        Manifests m = Manifests.of(scenario);
        for (String key : Manifests.SERVICES) {
            m.deploymentOf(key).ifPresent(d -> {
                JsonNode c = Manifests.mainContainer(d);
                String who = Manifests.name(d);
                assertThat(Manifests.envValue(c, "QUARKUS_DATASOURCE_JDBC_URL")).as("%s JDBC URL", who).startsWith("jdbc:postgresql://");
                JsonNode user = Manifests.env(c, "QUARKUS_DATASOURCE_USERNAME").orElseThrow();
                if (user.has("value")) {
                    assertThat(user.path("value").asText()).as("%s role", who).isEqualTo("timeflow_" + key);
                } else {
                    assertThat(user.path("valueFrom").has("secretKeyRef")).isTrue();
                }
                assertSecretRef(c, "QUARKUS_DATASOURCE_PASSWORD", who);
                assertSecretRef(c, "TIMEFLOW_ENCRYPTION_KEY", who);
                if (key.equals("backup")) {
                    assertSecretRef(c, "TIMEFLOW_BACKUP_PASSPHRASE", who);
                } else {
                    assertThat(Manifests.env(c, "TIMEFLOW_BACKUP_PASSPHRASE")).as("only backup-service gets the passphrase").isEmpty();
                }
                assertThat(Manifests.envValue(c, "KAFKA_BOOTSTRAP_SERVERS")).as("%s Kafka", who).isNotBlank();
                assertThat(Manifests.envValue(c, "TIMEFLOW_CONSUMER_GROUP")).as("%s consumer group", who).isNotBlank();
                assertThat(Manifests.envValue(c, "MP_JWT_VERIFY_ISSUER")).as("%s token issuer", who).isNotBlank();
                assertThat(Manifests.envValue(c, "MP_JWT_VERIFY_PUBLICKEY_LOCATION")).as("%s token key", who).isNotBlank();
                assertThat(Manifests.envValue(c, "QUARKUS_MANAGEMENT_PORT")).isEqualTo(String.valueOf(
                        containerPort(c, "management")));
            });
        }
        List<ObjectNode> services = m.ofKind("Deployment").stream().filter(d -> Manifests.component(d).endsWith("-service")).toList();
        Set<String> groups = services.stream()
                .map(d -> Manifests.envValue(Manifests.mainContainer(d), "TIMEFLOW_CONSUMER_GROUP")).collect(Collectors.toSet());
        assertThat(groups).as("each service consumes in its own group").hasSize(services.size());
    }

    /**
     * The console has no database, holds no secret and verifies no token: it gets the broker (to stream changes
     * to browsers) and where each deployed service's API is (to route it and to check a browser's credential).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theConsoleGetsTheBrokerAndTheServicesAddressesAndNoSecret(Chart.Scenario scenario) {
        Manifests m = Manifests.of(scenario);
        m.deploymentOf("console").ifPresent(d -> {
            JsonNode c = Manifests.mainContainer(d);
            for (String none : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_PASSWORD", "TIMEFLOW_ENCRYPTION_KEY",
                    "TIMEFLOW_BACKUP_PASSPHRASE", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "TIMEFLOW_CONSUMER_GROUP")) {
                assertThat(Manifests.env(c, none)).as("the console has no %s", none).isEmpty();
            }
            assertThat(Manifests.envValue(c, "KAFKA_BOOTSTRAP_SERVERS")).isNotBlank();
            for (String key : Manifests.SERVICES) {
                String url = Manifests.envValue(c, "TIMEFLOW_" + key.toUpperCase() + "_URL");
                if (m.deploymentOf(key).isPresent()) {
                    ObjectNode service = m.find("Service", Manifests.name(m.deploymentOf(key).get())).orElseThrow();
                    assertThat(url).as("where the console finds %s", key)
                            .endsWith("://" + Manifests.name(service) + ":" + service.path("spec").path("ports").path(0).path("port").asText());
                } else {
                    assertThat(url).as("no address for %s, which is not deployed", key).isNull();
                }
            }
        });
    }

    private static void assertSecretRef(JsonNode container, String name, String who) {
        JsonNode e = Manifests.env(container, name).orElseThrow(() -> new AssertionError(who + " lacks " + name));
        assertThat(e.has("value")).as("%s %s is never a literal value", who, name).isFalse();
        assertThat(e.path("valueFrom").path("secretKeyRef").path("name").asText()).as("%s %s from a Secret", who, name).isNotBlank();
        assertThat(e.path("valueFrom").path("secretKeyRef").path("key").asText()).as("%s %s key", who, name).isNotBlank();
    }

    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|PASSPHRASE|SECRET|JAAS|ENCRYPTION_KEY|TOKEN).*");

    /** Secrets reach the pods only through secretKeyRef: never as a literal value in a manifest. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void noSecretIsWrittenAsALiteralEnvironmentValueAndNoNameIsSetTwice(Chart.Scenario scenario) {
        for (ObjectNode w : Manifests.of(scenario).workloads()) {
            for (JsonNode c : Manifests.containers(w)) {
                Set<String> seen = new HashSet<>();
                for (JsonNode e : c.path("env")) {
                    String name = e.path("name").asText();
                    assertThat(seen.add(name)).as("%s sets %s once", Manifests.name(w), name).isTrue();
                    if (SECRET_LIKE.matcher(name).matches()) {
                        assertThat(e.has("value")).as("%s %s is a literal", Manifests.name(w), name).isFalse();
                    }
                }
            }
        }
    }

    private static Set<String> containerPortNames(JsonNode container) {
        Set<String> names = new HashSet<>();
        container.path("ports").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no port " + name);
    }
}
