package io.timeflow.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;

/**
 * The steps of {@code e2e/bin/timeflow-cross-install}, which restores a backup of one {@code ./timeflow up}
 * installation onto another (an older build's onto this one's, for the version run):
 *
 * <pre>
 * plant    HTTP_PORT_BASE PLANTED_FILE                     secrets and data on the first installation
 * compare  JDBC_URL_A JDBC_URL_B BACKUP_ID SNAPSHOT_AT     every table of every schema (exit 1 on a difference)
 * readable HTTP_PORT_BASE PLANTED_FILE                     the restored secrets, read without changing anything
 * usable   HTTP_PORT_BASE PLANTED_FILE                     the password opened, a restore, a SnapSync, a backup
 * </pre>
 *
 * {@code TIMEFLOW_TOKEN} is an admin token of the installation called.
 */
public final class CrossInstallationCheck {

    private CrossInstallationCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            usage();
        }
        Story.Narrator printer = new Story.Narrator() {
            @Override
            public void step(String title) {
                System.out.printf("%n  %s%n", title);
            }

            @Override
            public void answer(String service, String what) {
                System.out.printf("      %-9s %s%n", service, what);
            }
        };
        CarriedSecrets secrets = new CarriedSecrets(printer);
        try {
            switch (args[0]) {
                case "plant" -> {
                    need(args, 3);
                    CarriedSecrets.Planted p = secrets.plant(endpoints(args[1]));
                    p.write(Path.of(args[2]));
                    System.out.println("\nplanted: dSource " + p.dsourceId() + ", plugin object " + p.objectId());
                }
                case "compare" -> {
                    need(args, 5);
                    try (Connection a = SchemaComparison.connect(args[1]); Connection b = SchemaComparison.connect(args[2])) {
                        long t0 = System.nanoTime();
                        List<SchemaComparison.Table> tables = SchemaComparison.compare(a, b, args[3], Instant.parse(args[4]));
                        System.out.print(SchemaComparison.report(tables));
                        System.out.printf("compared in %.1f s%n", (System.nanoTime() - t0) / 1e9);
                        if (!SchemaComparison.allOk(tables)) {
                            System.err.println("tables differ: " + tables.stream().filter(t -> !t.outcome().ok())
                                    .map(SchemaComparison.Table::name).toList());
                            System.exit(1);
                        }
                    }
                }
                case "readable" -> {
                    need(args, 3);
                    secrets.readable(endpoints(args[1]), CarriedSecrets.Planted.read(Path.of(args[2])));
                }
                case "usable" -> {
                    need(args, 3);
                    secrets.usable(endpoints(args[1]), CarriedSecrets.Planted.read(Path.of(args[2])));
                }
                default -> usage();
            }
        } catch (StoryFailure e) {
            System.err.println("\nstopped: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("\nstopped: " + Refusal.of(e).map(Refusal::toString).orElse(String.valueOf(e)));
            System.exit(1);
        }
    }

    private static Endpoints endpoints(String httpPortBase) {
        String token = System.getenv("TIMEFLOW_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("set TIMEFLOW_TOKEN to an admin token of the installation");
            System.exit(2);
        }
        return Endpoints.localSuite(Integer.parseInt(httpPortBase), token);
    }

    private static void need(String[] args, int n) {
        if (args.length < n) {
            usage();
        }
    }

    private static void usage() {
        System.err.println("""
                usage: CrossInstallationCheck plant HTTP_PORT_BASE PLANTED_FILE
                       CrossInstallationCheck compare JDBC_URL_A JDBC_URL_B BACKUP_ID SNAPSHOT_AT
                       CrossInstallationCheck readable|usable HTTP_PORT_BASE PLANTED_FILE""");
        System.exit(2);
    }
}
