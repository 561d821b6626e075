package io.timeflow.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every table of every schema of two installations' databases, compared row by row: the check that a
 * backup of installation A restored onto installation B brought every table over (the backup
 * requirements' "restores onto the same or a different appliance"). Rows are compared as multisets of
 * their text form over the columns both installations have (a newer B may have added some).
 * <p>
 * What may differ, and why (each is reported, none is hidden):
 * <ul>
 * <li>{@code flyway_schema_history}: a restore rebuilds it by running the migrations (times differ);</li>
 * <li>{@code data_key}: each installation's key ring, wrapped by its own installation key; the keys the
 * backup carried are checked by opening the restored secrets instead;</li>
 * <li>Quartz's {@code qrtz_*} tables: each scheduler's own instance names, check-ins and next fires;</li>
 * <li>{@code outbox.published_at}, {@code api_key.last_used_at}: when each installation's relay published an
 * event, or last saw a key;</li>
 * <li>{@code agent.last_seen_at}, {@code staging_database.observed_at} and {@code reported_at}, {@code fault.last_seen}:
 * when each installation last heard from a staging host (A's agents go on reporting after the backup);</li>
 * <li>backup-service's own schema ({@code backup}): a restore merges the archive's catalogue into B's
 * (ADR 0091), so B holds every row A had at the backup's snapshot ({@code CONTAINED}), plus its own; the
 * transferred backup itself is A's MANUAL record on A and B's UPLOADED one on B; B's schedule and API
 * keys equal A's; its lock, identity, relay queue ({@code outbox}: the archive's unpublished events are added,
 * the ones A had already published are not brought back) and Quartz store are B's own.</li>
 * </ul>
 * A table only B has is reported NEW_IN_B (a newer version's). When A runs a version whose backups did not
 * carry backup-service's schema, that schema's tables are B's own (SKIPPED), but its API keys, which a
 * restore takes from the restored staging-service keys, must equal A's.
 */
public final class SchemaComparison {

    /** How a table compared. */
    public enum Outcome {
        /** The same rows. */
        EQUAL,
        /** B holds every row A had (at the backup's snapshot), and more. */
        CONTAINED,
        /** Not compared, for the reason given. */
        SKIPPED,
        /** Only B has the table (a newer version's). */
        NEW_IN_B,
        DIFFERENT;

        public boolean ok() {
            return this != DIFFERENT;
        }
    }

    /** One table's comparison. */
    public record Table(String schema, String table, Outcome outcome, long rowsA, long rowsB, long onlyInA,
            long onlyInB, String note) {
        public String name() {
            return schema + "." + table;
        }
    }

    static final Set<String> SKIPPED = Set.of("flyway_schema_history", "data_key");
    static final Map<String, Set<String>> VOLATILE = Map.of("outbox", Set.of("published_at"),
            "api_key", Set.of("last_used_at"),
            // when each installation last heard from its staging hosts: A's agents go on reporting after the backup
            "agent", Set.of("last_seen_at"),
            "staging_database", Set.of("observed_at", "reported_at"),
            "fault", Set.of("last_seen"));
    static final String BACKUP = "backup";
    static final Set<String> BACKUP_OWN = Set.of("operation_lock", "installation", "maintenance", "outbox");
    /** Timestamp column by which a table of backup-service's schema orders its rows in time. */
    static final Map<String, String> BACKUP_TIME = Map.of("backup", "created_at", "restore", "created_at",
            "change_history", "occurred_at", "inbox", "processed_at");

    private SchemaComparison() {
    }

    /** A superuser session on an installation's database ({@code postgres}, as the local suite and tests run it). */
    public static Connection connect(String jdbcUrl) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", System.getProperty("timeflow.compare.user", "postgres"));
        String password = System.getProperty("timeflow.compare.password");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /**
     * Compares the schemas of A with those of B.
     *
     * @param transferredBackupId the backup taken on A and restored on B (its record differs by design)
     * @param snapshotAt          the moment of that backup's snapshot: rows A's backup-service wrote later
     *                            are not expected on B
     */
    public static List<Table> compare(Connection a, Connection b, String transferredBackupId, Instant snapshotAt)
            throws SQLException {
        List<Table> results = new ArrayList<>();
        // backup-service's schema of a version before its backups carried it (ADR 0091) lacks the installation table
        Map<String, List<String>> catalogueA = tables(a, BACKUP);
        boolean earlierCatalogue = !catalogueA.isEmpty() && !catalogueA.containsKey("installation");
        Set<String> schemas = new TreeSet<>(schemas(a));
        schemas.addAll(schemas(b));
        for (String schema : schemas) {
            Map<String, List<String>> tablesA = tables(a, schema);
            Map<String, List<String>> tablesB = tables(b, schema);
            Set<String> names = new TreeSet<>(tablesA.keySet());
            names.addAll(tablesB.keySet());
            for (String table : names) {
                if (earlierCatalogue && BACKUP.equals(schema) && !"api_key".equals(table) && tablesA.containsKey(table)) {
                    results.add(new Table(schema, table, Outcome.SKIPPED, count(a, schema, table),
                            tablesB.containsKey(table) ? count(b, schema, table) : 0, 0, 0,
                            "not in an earlier version's archives: B's own (ADR 0091)"));
                    continue;
                }
                results.add(compareTable(a, b, schema, table, tablesA.get(table), tablesB.get(table), transferredBackupId,
                        snapshotAt));
            }
        }
        return results;
    }

    private static Table compareTable(Connection a, Connection b, String schema, String table, List<String> colsA,
            List<String> colsB, String transferredBackupId, Instant snapshotAt) throws SQLException {
        if (colsA == null) {
            return new Table(schema, table, Outcome.NEW_IN_B, 0, count(b, schema, table), 0, 0, "a newer version's table");
        }
        if (colsB == null) {
            return new Table(schema, table, Outcome.DIFFERENT, count(a, schema, table), 0, 0, 0, "missing on B");
        }
        if (SKIPPED.contains(table) || table.startsWith("qrtz_") || (BACKUP.equals(schema) && BACKUP_OWN.contains(table))) {
            String why = table.startsWith("qrtz_") ? "the scheduler's own runtime state"
                    : table.equals("data_key") ? "each installation's key ring, wrapped by its own installation key"
                    : table.equals("flyway_schema_history") ? "rebuilt by the restore's migrations"
                    : table.equals("outbox") ? "this installation's relay queue (ADR 0091)"
                    : "this installation's own (ADR 0091)";
            return new Table(schema, table, Outcome.SKIPPED, count(a, schema, table), count(b, schema, table), 0, 0, why);
        }
        List<String> columns = new ArrayList<>();
        for (String c : colsA) {
            if (colsB.contains(c) && !VOLATILE.getOrDefault(table, Set.of()).contains(c)) {
                columns.add(c);
            }
        }
        boolean catalogue = BACKUP.equals(schema) && BACKUP_TIME.containsKey(table);
        String filterA = "";
        if (catalogue) {
            filterA = " where " + ident(BACKUP_TIME.get(table)) + " <= ?"
                    + (table.equals("backup") ? " and id::text <> ?" : "");
        }
        Map<String, Integer> rowsA = rows(a, schema, table, columns, filterA, catalogue ? snapshotAt : null,
                table.equals("backup") ? transferredBackupId : null);
        Map<String, Integer> rowsB = rows(b, schema, table, columns, "", null, null);
        long onlyA = 0;
        long onlyB = 0;
        Map<String, Integer> remaining = new HashMap<>(rowsB);
        for (Map.Entry<String, Integer> e : rowsA.entrySet()) {
            int inB = remaining.getOrDefault(e.getKey(), 0);
            if (inB >= e.getValue()) {
                remaining.put(e.getKey(), inB - e.getValue());
            } else {
                onlyA += e.getValue() - inB;
                remaining.remove(e.getKey());
            }
        }
        for (int n : remaining.values()) {
            onlyB += n;
        }
        long totalA = rowsA.values().stream().mapToLong(Integer::longValue).sum();
        long totalB = rowsB.values().stream().mapToLong(Integer::longValue).sum();
        String ignored = columns.size() < colsA.size() ? "compared without " + colsA.stream()
                .filter(c -> !columns.contains(c)).toList() : "";
        Outcome outcome;
        String note = ignored;
        if (catalogue) {
            outcome = onlyA == 0 ? Outcome.CONTAINED : Outcome.DIFFERENT;
            note = "A's rows until the backup's snapshot" + (table.equals("backup") ? " (but the transferred backup's own)" : "")
                    + " are on B, with B's own" + (ignored.isEmpty() ? "" : "; " + ignored);
        } else {
            outcome = onlyA == 0 && onlyB == 0 ? Outcome.EQUAL : Outcome.DIFFERENT;
        }
        return new Table(schema, table, outcome, totalA, totalB, onlyA, onlyB, note);
    }

    /** The schemas of the suite in a database (not PostgreSQL's own, nor a restore's leftovers). */
    static List<String> schemas(Connection c) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select nspname from pg_namespace where nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'public')
                and nspname not like 'pg\\_%' order by nspname"""); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }

    static Map<String, List<String>> tables(Connection c, String schema) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select cl.relname, a.attname from pg_class cl join pg_namespace n on n.oid = cl.relnamespace
                join pg_attribute a on a.attrelid = cl.oid
                where n.nspname = ? and cl.relkind = 'r' and a.attnum > 0 and not a.attisdropped
                order by cl.relname, a.attnum""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return tables;
    }

    private static Map<String, Integer> rows(Connection c, String schema, String table, List<String> columns,
            String where, Instant until, String excludedId) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        String list = String.join(", ", columns.stream().map(SchemaComparison::ident).toList());
        String sql = "select md5(row(" + list + ")::text) from " + ident(schema) + "." + ident(table) + where;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (until != null) {
                ps.setTimestamp(i++, Timestamp.from(until));
            }
            if (excludedId != null && where.contains("id::text")) {
                ps.setString(i, excludedId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.merge(rs.getString(1), 1, Integer::sum);
                }
            }
        }
        return rows;
    }

    private static long count(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from " + ident(schema) + "." + ident(table));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A printable report, one line per table, then the totals. */
    public static String report(List<Table> tables) {
        StringBuilder sb = new StringBuilder(String.format("%-44s %-10s %8s %8s %8s %8s  %s%n", "table", "outcome", "rows A",
                "rows B", "only A", "only B", "note"));
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        for (Table t : tables) {
            sb.append(String.format("%-44s %-10s %8d %8d %8d %8d  %s%n", t.name(), t.outcome(), t.rowsA(), t.rowsB(),
                    t.onlyInA(), t.onlyInB(), t.note()));
            counts.merge(t.outcome(), 1, Integer::sum);
        }
        sb.append(tables.size()).append(" tables: ").append(counts).append('\n');
        return sb.toString();
    }

    /** Whether every table compared as the rules above say it should. */
    public static boolean allOk(List<Table> tables) {
        return tables.stream().allMatch(t -> t.outcome().ok());
    }
}
