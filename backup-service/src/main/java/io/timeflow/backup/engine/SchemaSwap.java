package io.timeflow.backup.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one transaction in which a restore changes live data. Opened when the suite is quiesced: it
 * takes EXCLUSIVE locks on every live table (reads go on; a write that slipped past the maintenance
 * check before it was set is waited for, later ones wait behind it), so nothing is written between
 * the safety backup and the swap. The swap renames each live schema away, renames its restored
 * twin into its place, drops the old one and records the swap, all in that same transaction: it
 * commits whole or not at all. A process killed at any point before the commit leaves the live
 * schemas exactly as they were (PostgreSQL rolls the transaction back when the session ends).
 */
public final class SchemaSwap implements AutoCloseable {

    private final Connection connection;
    private final List<String> lockedTables;
    private boolean committed;

    private SchemaSwap(Connection connection, List<String> lockedTables) {
        this.connection = connection;
        this.lockedTables = lockedTables;
    }

    /** Opens the transaction and locks the live tables of {@code schemas} that exist, waiting at most {@code timeout}. */
    public static SchemaSwap quiesce(ConnectionFactory connections, String label, List<String> schemas, Duration timeout)
            throws SQLException {
        Connection c = connections.open(label);
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local lock_timeout = " + Math.max(1, timeout.toMillis()));
            }
            List<String> tables = new ArrayList<>();
            for (String schema : schemas) {
                Catalog.SchemaShape shape = Catalog.shapeOf(c, schema, SuiteDumper.NOT_BACKED_UP);
                if (shape != null) {
                    shape.tables().forEach(t -> tables.add(Sql.qualified(schema, t.name())));
                }
            }
            if (!tables.isEmpty()) {
                try (Statement s = c.createStatement()) {
                    s.execute("lock table " + String.join(", ", tables) + " in exclusive mode");
                }
            }
            return new SchemaSwap(c, tables);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } finally {
                c.close();
            }
            throw e;
        }
    }

    public int lockedTables() {
        return lockedTables.size();
    }

    /**
     * Puts each {@code <schema>_restore_<suffix>} in place of {@code <schema>}, drops the replaced
     * schemas, marks the restore swapped and commits.
     */
    public void swap(List<String> schemas, String suffix, UUID restoreId) throws SQLException {
        swap(schemas, suffix, restoreId, null);
    }

    /** As {@link #swap(List, String, UUID)}, first marking each restored schema in {@code maintenance} (if given). */
    public void swap(List<String> schemas, String suffix, UUID restoreId, io.timeflow.platform.maintenance.Maintenance maintenance)
            throws SQLException {
        if (maintenance != null) {
            for (String schema : schemas) {
                SuiteLoader.markMaintenance(connection, SuiteLoader.restoreSchema(schema, suffix), maintenance);
            }
        }
        try (Statement s = connection.createStatement()) {
            List<String> replaced = new ArrayList<>();
            for (String schema : schemas) {
                String old = schema + "_replaced_" + suffix;
                if (Catalog.schemaExists(connection, schema)) {
                    s.execute("alter schema " + Sql.ident(schema) + " rename to " + Sql.ident(old));
                    replaced.add(old);
                }
                s.execute("alter schema " + Sql.ident(SuiteLoader.restoreSchema(schema, suffix)) + " rename to "
                        + Sql.ident(schema));
            }
            for (String old : replaced) {
                s.execute("drop schema " + Sql.ident(old) + " cascade");
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("update restore set swapped_at = now() where id = ?")) {
            ps.setObject(1, restoreId);
            ps.executeUpdate();
        }
        connection.commit();
        committed = true;
    }

    public boolean committed() {
        return committed;
    }

    /** Rolls back unless swapped (releasing the locks) and closes the session. */
    @Override
    public void close() throws SQLException {
        try {
            if (!committed && !connection.isClosed()) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }
}
