package io.timeflow.platform.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The statements that write a schema's {@code maintenance} row (platform migration V0_3; {@link MaintenanceGate}
 * reads it). backup-service uses them on the schemas of the whole suite during a restore: the flag is set, its
 * heartbeat renewed while the restore runs, and removed when it ends. Each statement runs on the connection
 * given, in its transaction.
 */
public final class MaintenanceTable {

    /** The table's name in every service schema. */
    public static final String NAME = "maintenance";

    private MaintenanceTable() {
    }

    /** Whether {@code schema} has the table (a schema not migrated yet, or of another product, has none). */
    public static boolean exists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?)::text")) {
            ps.setString(1, qualified(schema));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null;
            }
        }
    }

    /** Flags {@code schema} as in maintenance for {@code m}, in place of any flag it had; heartbeat now. */
    public static void mark(Connection c, String schema, Maintenance m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + qualified(schema)
                + " (id, operation, operation_id, reason, started_at, heartbeat_at) values (1, ?, ?, ?, ?, now())"
                + " on conflict (id) do update set operation = excluded.operation,"
                + " operation_id = excluded.operation_id, reason = excluded.reason,"
                + " started_at = excluded.started_at, heartbeat_at = now()")) {
            ps.setString(1, m.operation());
            ps.setString(2, m.operationId());
            ps.setString(3, m.reason());
            ps.setTimestamp(4, Timestamp.from(m.startedAt()));
            ps.executeUpdate();
        }
    }

    /** Renews the heartbeat of the flag operation {@code operationId} set on {@code schema} (none: nothing). */
    public static void beat(Connection c, String schema, String operationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualified(schema)
                + " set heartbeat_at = now() where operation_id = ?")) {
            ps.setString(1, operationId);
            ps.executeUpdate();
        }
    }

    /** Removes the flag operation {@code operationId} set on {@code schema} (another operation's stays). */
    public static void clear(Connection c, String schema, String operationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + qualified(schema) + " where operation_id = ?")) {
            ps.setString(1, operationId);
            ps.executeUpdate();
        }
    }

    static String qualified(String schema) {
        return "\"" + schema.replace("\"", "\"\"") + "\"." + NAME;
    }
}
