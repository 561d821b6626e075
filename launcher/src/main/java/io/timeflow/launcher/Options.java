package io.timeflow.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings of {@code ./timeflow up}: flags win over environment variables, which win over defaults.
 *
 * @param dataDir            where PostgreSQL, Kafka, secrets and logs live between runs
 * @param projectDir         the checkout holding the services' built jars
 * @param httpPortBase       staging gets base+1, snapshot +2, plugin +3, backup +4
 * @param managementPortBase the same for the management interfaces (health, metrics)
 * @param postgresPort       PostgreSQL
 * @param kafkaPort          the Kafka broker (its controller listens on the next port)
 * @param services           which services to start (all four by default)
 * @param console            whether to start the web console (on the bases themselves: 8080 and 9080 by default)
 * @param agent              also start one staging-host agent against a stand-in host directory in the data
 *                           directory ({@code --agent}, or {@code TIMEFLOW_AGENT=true})
 */
record Options(Path dataDir, Path projectDir, int httpPortBase, int managementPortBase, int postgresPort,
        int kafkaPort, List<String> services, boolean console, boolean agent) {

    static final List<String> ALL_SERVICES = List.of("staging", "snapshot", "plugin", "backup");

    static Options parse(List<String> args, Map<String, String> env) {
        Path project = Path.of(env.getOrDefault("TIMEFLOW_HOME", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env.getOrDefault("TIMEFLOW_DATA_DIR", project.resolve(".timeflow").toString()));
        int http = intOf(env.get("TIMEFLOW_HTTP_PORT_BASE"), 8080, "TIMEFLOW_HTTP_PORT_BASE");
        int mgmt = intOf(env.get("TIMEFLOW_MANAGEMENT_PORT_BASE"), 9080, "TIMEFLOW_MANAGEMENT_PORT_BASE");
        int pg = intOf(env.get("TIMEFLOW_POSTGRES_PORT"), 15432, "TIMEFLOW_POSTGRES_PORT");
        int kafka = intOf(env.get("TIMEFLOW_KAFKA_PORT"), 19092, "TIMEFLOW_KAFKA_PORT");
        boolean agent = "true".equalsIgnoreCase(env.getOrDefault("TIMEFLOW_AGENT", "false").trim());
        List<String> services = new ArrayList<>();
        for (String s : ALL_SERVICES) {
            if (java.nio.file.Files.exists(project.resolve(s + "-service").resolve("pom.xml"))) {
                services.add(s);
            }
        }
        boolean console = java.nio.file.Files.exists(project.resolve("console").resolve("pom.xml"));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--data-dir" -> { data = Path.of(required(a, value)); i++; }
                case "--http-port-base" -> { http = intOf(required(a, value), 0, a); i++; }
                case "--management-port-base" -> { mgmt = intOf(required(a, value), 0, a); i++; }
                case "--postgres-port" -> { pg = intOf(required(a, value), 0, a); i++; }
                case "--kafka-port" -> { kafka = intOf(required(a, value), 0, a); i++; }
                case "--agent" -> agent = true;
                case "--services" -> {
                    services = List.of(required(a, value).split(","));
                    for (String s : services) {
                        if (!ALL_SERVICES.contains(s)) {
                            throw new IllegalArgumentException("unknown service '" + s + "'; known: " + ALL_SERVICES);
                        }
                    }
                    i++;
                }
                case "--no-console" -> console = false;
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (agent && !(services.contains("staging") && services.contains("snapshot"))) {
            throw new IllegalArgumentException("--agent needs staging-service and snapshot-service");
        }
        refuseSharedPorts(http, mgmt, pg, kafka);
        return new Options(data.toAbsolutePath().normalize(), project, http, mgmt, pg, kafka, services, console, agent);
    }

    /**
     * Refuses ports that two processes of the suite would both listen on (a service started on another's port
     * exits at once with "Address already in use", after PostgreSQL and the broker were started).
     */
    static void refuseSharedPorts(int http, int mgmt, int pg, int kafka) {
        Map<Integer, String> taken = new java.util.LinkedHashMap<>();
        for (int i = 0; i <= ALL_SERVICES.size(); i++) {
            String who = i == 0 ? "the console" : ALL_SERVICES.get(i - 1) + "-service";
            claim(taken, http + i, who + " (HTTP)");
            claim(taken, mgmt + i, who + " (management)");
        }
        claim(taken, pg, "PostgreSQL");
        claim(taken, kafka, "the Kafka broker");
        claim(taken, kafka + 1, "the Kafka controller");
    }

    private static void claim(Map<Integer, String> taken, int port, String who) {
        String other = taken.putIfAbsent(port, who);
        if (other != null) {
            throw new IllegalArgumentException("port " + port + " would be used by both " + other + " and " + who
                    + ": choose port bases at least five apart from each other and from the PostgreSQL and Kafka ports");
        }
    }

    /** The web console's port: the HTTP base itself (the services take the next four). */
    int consolePort() {
        return httpPortBase;
    }

    int consoleManagementPort() {
        return managementPortBase;
    }

    int httpPort(String service) {
        return httpPortBase + ALL_SERVICES.indexOf(service) + 1;
    }

    int managementPort(String service) {
        return managementPortBase + ALL_SERVICES.indexOf(service) + 1;
    }

    static String usage() {
        return """
                usage: ./timeflow up [--data-dir DIR] [--http-port-base N] [--management-port-base N]
                                     [--postgres-port N] [--kafka-port N] [--services staging,snapshot,...]
                                     [--no-console] [--agent]
                  the console listens on the HTTP port base itself (8080), the services on the next four ports
                  --agent: also run one staging-host agent against a stand-in host directory (DATA_DIR/agent-host)
                  environment: TIMEFLOW_DATA_DIR, TIMEFLOW_HTTP_PORT_BASE (8080), TIMEFLOW_MANAGEMENT_PORT_BASE (9080),
                               TIMEFLOW_POSTGRES_PORT (15432), TIMEFLOW_KAFKA_PORT (19092), TIMEFLOW_AGENT (false)
                """;
    }

    private static String required(String flag, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static int intOf(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65_000) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
