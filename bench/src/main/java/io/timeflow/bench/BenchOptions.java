package io.timeflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of {@code ./timeflow bench} with no module: flags win over environment variables, which win over
 * defaults.
 *
 * @param project            the built checkout whose suite and benchmarks are measured
 * @param out                where the JSON figures and the logs go ({@code target/bench} of the checkout)
 * @param scale              sizes and durations relative to the full table (1.0); 0.1 is a quick run
 * @param sections           which parts run: suite (start, stop, memory, restore reports, SnapSync), plugin, backup
 * @param previous           the suite's previous figures (JSON of an earlier run), the anchor of rows with no
 *                           outside one; {@code bench/previous.json} of the checkout by default
 * @param httpPortBase       ports of the suite the bench starts (its own, beside a running {@code ./timeflow up})
 * @param managementPortBase management ports
 * @param postgresPort       PostgreSQL
 * @param kafkaPort          Kafka (the controller takes the next port)
 */
record BenchOptions(Path project, Path out, double scale, Set<String> sections, Path previous, int httpPortBase,
        int managementPortBase, int postgresPort, int kafkaPort) {

    static final List<String> SECTIONS = List.of("suite", "plugin", "backup");

    static BenchOptions parse(List<String> args, Map<String, String> env) {
        Path project = Path.of(env.getOrDefault("TIMEFLOW_HOME", ".")).toAbsolutePath().normalize();
        double scale = 1.0;
        Set<String> sections = new LinkedHashSet<>(SECTIONS);
        Path previous = null;
        Path out = null;
        int http = port(env.get("TIMEFLOW_BENCH_HTTP_PORT_BASE"), 18080, "TIMEFLOW_BENCH_HTTP_PORT_BASE");
        int mgmt = port(env.get("TIMEFLOW_BENCH_MANAGEMENT_PORT_BASE"), 18090, "TIMEFLOW_BENCH_MANAGEMENT_PORT_BASE");
        int pg = port(env.get("TIMEFLOW_BENCH_POSTGRES_PORT"), 18432, "TIMEFLOW_BENCH_POSTGRES_PORT");
        int kafka = port(env.get("TIMEFLOW_BENCH_KAFKA_PORT"), 18192, "TIMEFLOW_BENCH_KAFKA_PORT");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--scale" -> {
                    try {
                        scale = Double.parseDouble(required(a, value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--scale must be a number such as 0.1 or 1.0, not '" + value + "'");
                    }
                    if (!(scale > 0 && scale <= 1.0)) {
                        throw new IllegalArgumentException("--scale must be above 0 and at most 1.0 (the full table), not "
                                + value);
                    }
                    i++;
                }
                case "--only" -> {
                    sections = new LinkedHashSet<>();
                    for (String s : required(a, value).split(",")) {
                        if (!SECTIONS.contains(s)) {
                            throw new IllegalArgumentException("unknown part '" + s + "'; known: " + SECTIONS);
                        }
                        sections.add(s);
                    }
                    i++;
                }
                case "--previous" -> { previous = Path.of(required(a, value)); i++; }
                case "--project" -> { project = Path.of(required(a, value)).toAbsolutePath().normalize(); i++; }
                case "--out" -> { out = Path.of(required(a, value)).toAbsolutePath().normalize(); i++; }
                case "--http-port-base" -> { http = port(required(a, value), 0, a); i++; }
                case "--management-port-base" -> { mgmt = port(required(a, value), 0, a); i++; }
                case "--postgres-port" -> { pg = port(required(a, value), 0, a); i++; }
                case "--kafka-port" -> { kafka = port(required(a, value), 0, a); i++; }
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (out == null) {
            out = project.resolve("target").resolve("bench");
        }
        if (previous == null) {
            previous = project.resolve("bench").resolve("previous.json");
        }
        return new BenchOptions(project, out, scale, sections, previous, http, mgmt, pg, kafka);
    }

    /** A count scaled down, never below {@code min}. */
    int scaled(int full, int min) {
        return Math.max(min, (int) Math.round(full * scale));
    }

    /** Options for the launcher's {@code up}. */
    List<String> upArgs(Path dataDir) {
        List<String> a = new ArrayList<>();
        a.add("--data-dir");
        a.add(dataDir.toString());
        a.add("--http-port-base");
        a.add(String.valueOf(httpPortBase));
        a.add("--management-port-base");
        a.add(String.valueOf(managementPortBase));
        a.add("--postgres-port");
        a.add(String.valueOf(postgresPort));
        a.add("--kafka-port");
        a.add(String.valueOf(kafkaPort));
        return a;
    }

    static String usage() {
        return """
                usage: ./timeflow bench [--scale 0.1..1.0] [--only suite,plugin,backup] [--previous FILE]
                                        [--http-port-base N] [--management-port-base N] [--postgres-port N] [--kafka-port N]
                       ./timeflow bench <module> [maven args]    one module's benchmarks, as before
                  --scale     sizes and durations relative to the full table (default 1.0)
                  --previous  the suite's previous figures, anchor of the rows with no outside anchor
                              (default bench/previous.json)
                  ports:      the suite the bench starts, 18080.. / 18090.. / 18432 / 18192 by default
                              (environment TIMEFLOW_BENCH_HTTP_PORT_BASE, ..._MANAGEMENT_PORT_BASE, ..._POSTGRES_PORT,
                              ..._KAFKA_PORT)
                """;
    }

    private static String required(String flag, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static int port(String value, int fallback, String name) {
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
