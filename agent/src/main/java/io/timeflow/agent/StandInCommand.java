package io.timeflow.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timeflow.agent.sql.StandInSqlServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code timeflow-agent standin ...}: changes a stand-in host directory as SQL Server would change:
 * <pre>
 * standin restore --database DB --type FULL|DIFFERENTIAL|LOG --first-lsn N --last-lsn N [--checkpoint-lsn N]
 *                 [--database-backup-lsn N] [--fork GUID] [--backup-file PATH] [--replace] [--recovery]
 *                 [--source-read-only] [--files-in-subdirectory NAME] [--instance I] [--dir DIR]
 * standin create-database --database DB --files-dir DIR   (a database made by hand, not on a mount)
 * standin state   --database DB --state ONLINE|RESTORING|READ_ONLY|STANDBY|EMERGENCY|OFFLINE|MISSING
 *                 [--instance I] [--dir DIR]
 * </pre>
 * The directory is {@code --dir}, else {@code TIMEFLOW_STAND_IN} (which the agent gives its hooks), else
 * {@code TIMEFLOW_AGENT_STAND_IN}; the instance {@code --instance}, else {@code TIMEFLOW_INSTANCE}, else
 * MSSQLSERVER; the database {@code --database}, else {@code STAGING_DB}.
 */
final class StandInCommand {

    private StandInCommand() {
    }

    static int run(List<String> args) throws Exception {
        if (args.isEmpty()) {
            System.err.println("usage: timeflow-agent standin restore|state --database DB ...");
            return 2;
        }
        String what = args.get(0);
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                System.err.println("standin: unexpected argument " + a);
                return 2;
            }
            String key = a.substring(2);
            boolean flag = List.of("replace", "recovery", "source-read-only").contains(key);
            o.put(key, flag ? "true" : (i + 1 < args.size() ? args.get(++i) : ""));
        }
        String dir = first(o.get("dir"), System.getenv("TIMEFLOW_STAND_IN"), System.getenv("TIMEFLOW_AGENT_STAND_IN"));
        String instance = first(o.get("instance"), System.getenv("TIMEFLOW_INSTANCE"), "MSSQLSERVER");
        String database = first(o.get("database"), System.getenv("STAGING_DB"), null);
        if (dir == null || database == null) {
            System.err.println("standin: --dir (or TIMEFLOW_STAND_IN) and --database (or STAGING_DB) are needed");
            return 2;
        }
        StandInSqlServer standIn = new StandInSqlServer(Path.of(dir));
        switch (what) {
            case "restore" -> {
                String type = o.getOrDefault("type", "FULL");
                String code = switch (type) {
                    case "FULL" -> "D";
                    case "DIFFERENTIAL" -> "I";
                    case "LOG" -> "L";
                    default -> null;
                };
                if (code == null || o.get("first-lsn") == null || o.get("last-lsn") == null) {
                    System.err.println("standin restore: --type FULL|DIFFERENTIAL|LOG, --first-lsn and --last-lsn are needed");
                    return 2;
                }
                LocalDateTime now = LocalDateTime.now(standIn.zone()).withNano(0);
                ObjectNode set = SuiteClient.JSON.createObjectNode();
                set.put("type", code);
                set.put("first_lsn", o.get("first-lsn"));
                set.put("last_lsn", o.get("last-lsn"));
                putIf(set, "checkpoint_lsn", o.get("checkpoint-lsn"));
                putIf(set, "database_backup_lsn", o.get("database-backup-lsn"));
                set.put("last_recovery_fork_guid", first(o.get("fork"), "6d5c4b3a-2f1e-4d0c-9b8a-7a6b5c4d3e2f", null));
                set.put("is_readonly", o.containsKey("source-read-only"));
                set.put("backup_start_date", now.minusMinutes(10).toString());
                set.put("backup_finish_date", now.minusMinutes(9).toString());
                // backupset.time_zone: the backed-up server's offset from UTC in 15-minute steps
                set.put("time_zone", standIn.zone().getRules().getOffset(Instant.now()).getTotalSeconds() / 900);
                set.put("physical_device_name", first(o.get("backup-file"), "/backups/" + database + "_" + type.toLowerCase()
                        + ".bak", null));
                int id = standIn.recordRestore(instance, database, set, o.containsKey("replace"),
                        o.containsKey("recovery"), o.get("files-in-subdirectory"));
                System.out.println("RESTORE " + (code.equals("L") ? "LOG" : "DATABASE") + " " + database + ": "
                        + type + " backup " + o.get("first-lsn") + " to " + o.get("last-lsn") + " restored (msdb "
                        + "restore_history_id " + id + ")");
                return 0;
            }
            case "create-database" -> {
                // a database made by hand (SSMS), its files where the person put them
                String files = o.get("files-dir");
                if (files == null) {
                    System.err.println("standin create-database: --files-dir is needed");
                    return 2;
                }
                io.timeflow.agent.sql.SqlServer.AttachOutcome made = standIn.attach(instance,
                        new io.timeflow.agent.sql.SqlServer.AttachRequest(database, files, '/', "ONLINE", List.of()));
                System.out.println("CREATE DATABASE " + database + ": " + made.files());
                return 0;
            }
            case "state" -> {
                String state = o.get("state");
                if (state == null) {
                    System.err.println("standin state: --state is needed");
                    return 2;
                }
                standIn.setState(instance, database, state);
                System.out.println("database " + database + " is " + state);
                return 0;
            }
            default -> {
                System.err.println("standin: unknown command " + what + " (restore, state)");
                return 2;
            }
        }
    }

    private static String first(String a, String b, String c) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : c;
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
