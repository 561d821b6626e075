package io.timeflow.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Settings of {@code ./timeflow chaos}.
 *
 * @param duration   how long the workload and the faults run (the quiet phase and the checks come after)
 * @param seed       drives every random choice of the workload and of the faults
 * @param replicas   replicas of each service (1 to 3)
 * @param faults     false for a run without kills and stops (a throughput baseline)
 * @param portBase   first port of the block the run listens on (PostgreSQL base+32, Kafka base+92 and +93,
 *                   the services base+100 to base+132 and their management ports base+200 to base+232);
 *                   0 picks free ports
 * @param dataDir    PostgreSQL, Kafka, archives, logs and the history of the run (emptied first)
 * @param projectDir the checkout holding the services' packaged jars
 */
public record ChaosOptions(Duration duration, long seed, int replicas, boolean faults, int portBase, Path dataDir,
        Path projectDir) {

    public static final int MAX_REPLICAS = 3;

    public static ChaosOptions parse(List<String> args, Map<String, String> env) {
        Path project = Path.of(env.getOrDefault("TIMEFLOW_HOME", ".")).toAbsolutePath().normalize();
        Duration duration = Duration.ofMinutes(10);
        long seed = ThreadLocalRandom.current().nextLong(1, 1_000_000);
        int replicas = 2;
        boolean faults = true;
        int portBase = 0;
        Path dataDir = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--minutes" -> {
                    double minutes = number(a, value);
                    if (minutes <= 0 || minutes > 24 * 60) {
                        throw new IllegalArgumentException("--minutes must be more than 0 and at most 1440");
                    }
                    duration = Duration.ofMillis(Math.round(minutes * 60_000));
                    i++;
                }
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(required(a, value).trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed must be a whole number, not '" + value + "'");
                    }
                    i++;
                }
                case "--replicas" -> {
                    double n = number(a, value);
                    if (n != Math.rint(n) || n < 1 || n > MAX_REPLICAS) {
                        throw new IllegalArgumentException("--replicas must be 1, 2 or 3");
                    }
                    replicas = (int) n;
                    i++;
                }
                case "--port-base" -> {
                    double n = number(a, value);
                    if (n != Math.rint(n) || n < 1024 || n > 65_000) {
                        throw new IllegalArgumentException("--port-base must be a port between 1024 and 65000");
                    }
                    portBase = (int) n;
                    i++;
                }
                case "--data-dir" -> {
                    dataDir = Path.of(required(a, value));
                    i++;
                }
                case "--no-faults" -> faults = false;
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (dataDir == null) {
            dataDir = project.resolve("chaos").resolve("target").resolve("run-" + seed);
        }
        return new ChaosOptions(duration, seed, replicas, faults, portBase, dataDir.toAbsolutePath().normalize(),
                project);
    }

    static String usage() {
        return """
                usage: ./timeflow chaos [--minutes N] [--seed S] [--replicas 1|2|3] [--no-faults]
                                        [--port-base P] [--data-dir DIR]
                  --minutes     how long the workload and the faults run (default 10; fractions allowed)
                  --seed        drives the workload's and the faults' random choices (default: a random one, printed)
                  --replicas    replicas of each service (default 2)
                  --no-faults   no kills and no stops: a baseline for the throughput figures
                  --port-base   listen on P+32 (PostgreSQL), P+92/93 (Kafka), P+100.. (services), P+200.. (health);
                                default: free ports
                  --data-dir    where the run keeps its data, logs and history (default chaos/target/run-<seed>)
                """;
    }

    private static double number(String flag, String value) {
        try {
            return Double.parseDouble(required(flag, value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, not '" + value + "'");
        }
    }

    private static String required(String flag, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
