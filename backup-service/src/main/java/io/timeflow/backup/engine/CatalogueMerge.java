package io.timeflow.backup.engine;

import io.timeflow.backup.domain.BackupJobCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a restore does to backup-service's own schema, the catalogue it runs from (ADR 0091): the
 * archive's copy, loaded beside it like every other schema, is merged into the live one in the swap's
 * transaction rather than swapped for it, because the live schema records the restore that is running,
 * its safety backup, the archive it reads and the lock it holds.
 * <ul>
 * <li>{@code backup}, {@code restore}: the union; on the same id (or the same scheduled fire) the live
 * record wins, since it describes an archive in this installation's store. A record that was still
 * running when the backup was taken comes in FAILED ({@link BackupJobCode#UNFINISHED_AT_BACKUP}).</li>
 * <li>{@code backup_schedule}: the archive's, when it has one (the suite's configuration is restored;
 * the scheduler follows it once the restore ends).</li>
 * <li>{@code api_key}: the archive's, as in every other service (staging-service's keys are restored).</li>
 * <li>{@code change_history}: the archive's rows with their ids; this installation's that are not the
 * archive's own move after them.</li>
 * <li>{@code outbox}: this installation's rows stay; the archive's unpublished events are added.</li>
 * <li>any other table (the inbox, the upgrade guard, tables added later): the union.</li>
 * </ul>
 * The lock, the installation's identity, Quartz's store, the maintenance flag and the key ring are not in
 * archives ({@link SuiteDumper#BACKUP_RUNTIME}); the live ones stay. An archive of an earlier version,
 * without backup-service's schema, leaves the catalogue as it is but brings its API keys
 * ({@link #apiKeysFrom}).
 */
public final class CatalogueMerge {

    /** Rows of each table the merge added or replaced. */
    public record Result(Map<String, Long> rows) {
    }

    private CatalogueMerge() {
    }

    public static Result merge(Connection c, String restored, String live) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        Catalog.SchemaShape shape = Catalog.shapeOf(c, restored, SuiteDumper.notBackedUp(SuiteDumper.BACKUP_SCHEMA));
        if (shape == null) {
            return new Result(rows);
        }
        Catalog.SchemaShape liveShape = Catalog.shapeOf(c, live, Set.of());
        Set<String> liveTables = new java.util.HashSet<>();
        liveShape.tables().forEach(t -> liveTables.add(t.name()));
        for (Catalog.Table t : shape.tables()) {
            if (!liveTables.contains(t.name())) {
                continue;
            }
            List<String> columns = common(t.columns(), liveShape.tables().stream().filter(x -> x.name().equals(t.name()))
                    .findFirst().orElseThrow().columns());
            String cols = Sql.columns(columns);
            String from = Sql.qualified(restored, t.name());
            String to = Sql.qualified(live, t.name());
            long n;
            switch (t.name()) {
                case "backup", "restore" -> {
                    execute(c, "update " + from + " set state = 'FAILED', finished_at = coalesce(finished_at, now()),"
                            + " error_code = '" + BackupJobCode.UNFINISHED_AT_BACKUP.name() + "',"
                            + " error_message = 'it was still running when the backup"
                            + " was taken; its outcome is recorded by the installation that ran it'"
                            + " where state in ('PENDING', 'RUNNING')");
                    n = update(c, "insert into " + to + " (" + cols + ") select " + cols + " from " + from
                            + " on conflict do nothing");
                }
                case "backup_schedule", "api_key" -> {
                    if ("backup_schedule".equals(t.name()) && count(c, from) == 0) {
                        n = 0;
                    } else {
                        execute(c, "delete from " + to);
                        n = update(c, "insert into " + to + " (" + cols + ") select " + cols + " from " + from);
                    }
                }
                case "change_history" -> {
                    // the archive's rows keep their ids; a live row that is the archive's own (restoring onto the
                    // installation that took the backup) stays as it is, any other live row using one of those ids
                    // moves after both
                    String same = "r.id = l.id and r.aggregate_type = l.aggregate_type and r.aggregate_id = l.aggregate_id"
                            + " and r.action = l.action and r.occurred_at = l.occurred_at";
                    execute(c, "update " + to + " l set id = l.id + (select coalesce(max(id), 0) from " + to + ")"
                            + " + (select coalesce(max(id), 0) from " + from + ") where exists (select 1 from " + from
                            + " r where r.id = l.id) and not exists (select 1 from " + from + " r where " + same + ")");
                    n = update(c, "insert into " + to + " (" + cols + ") select " + cols + " from " + from + " r"
                            + " where not exists (select 1 from " + to + " l where l.id = r.id)");
                    resetSequence(c, live, t.name(), "id");
                }
                case "outbox" -> {
                    List<String> withoutSeq = columns.stream().filter(x -> !x.equals("seq")).toList();
                    String list = Sql.columns(withoutSeq);
                    n = update(c, "insert into " + to + " (" + list + ") select " + list + " from " + from
                            + " where published_at is null order by seq on conflict do nothing");
                }
                default -> n = update(c, "insert into " + to + " (" + cols + ") select " + cols + " from " + from
                        + " on conflict do nothing");
            }
            rows.put(t.name(), n);
        }
        // the key ring: the archive's keys the restore installed in the copy (ADR 90) join the live ring, whose own
        // rows stay as they are (a retired key that comes back with the archive opens again)
        addKeys(c, restored, live, rows);
        return new Result(rows);
    }

    private static void addKeys(Connection c, String from, String live, Map<String, Long> rows) throws SQLException {
        if (Catalog.schemaExists(c, from) && io.timeflow.platform.crypto.DataKeyTable.exists(c, from)
                && io.timeflow.platform.crypto.DataKeyTable.exists(c, live)) {
            Map<String, io.timeflow.platform.crypto.DataKeyTable.Row> liveRows = new LinkedHashMap<>();
            io.timeflow.platform.crypto.DataKeyTable.read(c, live).forEach(r -> liveRows.put(r.keyId(), r));
            long added = 0;
            for (io.timeflow.platform.crypto.DataKeyTable.Row r : io.timeflow.platform.crypto.DataKeyTable.read(c, from)) {
                io.timeflow.platform.crypto.DataKeyTable.Row known = liveRows.get(r.keyId());
                if (r.material() != null && (known == null || known.material() == null)) {
                    io.timeflow.platform.crypto.DataKeyTable.put(c, live, r);
                    added++;
                }
            }
            rows.put("data_key", added);
        }
    }

    /** The service that issues API keys; every other service's {@code api_key} table replicates its table (ADR 60). */
    public static final String KEY_ISSUER = "staging";

    /**
     * An archive of a version whose backups did not carry backup-service's schema: the catalogue stays as
     * it is, but the API keys backup-service accepts become the restored issuer's ({@code issuer}, already
     * swapped in), as they would through the api-key events, so the keys the backup brought authenticate
     * here too (the keys the restore added to the issuer's key ring join this schema's ring) and keys of
     * this installation that the restore replaced do not.
     */
    public static Result apiKeysFrom(Connection c, String issuer, String live) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        Catalog.Table from = table(c, issuer, "api_key");
        Catalog.Table to = table(c, live, "api_key");
        if (from == null || to == null) {
            return new Result(rows);
        }
        String cols = Sql.columns(common(from.columns(), to.columns()));
        execute(c, "delete from " + Sql.qualified(live, "api_key"));
        rows.put("api_key", update(c, "insert into " + Sql.qualified(live, "api_key") + " (" + cols + ") select " + cols
                + " from " + Sql.qualified(issuer, "api_key")));
        // the keys their digests were made with: the ones the restore added to the issuer's ring (wrapped by this
        // installation's key, as every ring's rows here)
        addKeys(c, issuer, live, rows);
        return new Result(rows);
    }

    private static Catalog.Table table(Connection c, String schema, String name) throws SQLException {
        if (!Catalog.schemaExists(c, schema)) {
            return null;
        }
        Catalog.SchemaShape shape = Catalog.shapeOf(c, schema, Set.of());
        return shape == null ? null : shape.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    private static List<String> common(List<String> restored, List<String> live) {
        List<String> both = new ArrayList<>();
        for (String col : restored) {
            if (live.contains(col)) {
                both.add(col);
            }
        }
        return both;
    }

    private static void resetSequence(Connection c, String schema, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, Sql.qualified(schema, table));
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return;
                }
                String seq = rs.getString(1);
                execute(c, "select setval('" + seq.replace("'", "''") + "', greatest((select coalesce(max("
                        + Sql.ident(column) + "), 0) from " + Sql.qualified(schema, table) + "), 1))");
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }
}
