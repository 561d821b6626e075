package io.timeflow.backup.engine;

import io.timeflow.backup.archive.ArchiveFormat;
import io.timeflow.backup.archive.ArchiveWriter;
import io.timeflow.backup.archive.Manifest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Reads every service schema from ONE consistent snapshot of the database: a single REPEATABLE READ,
 * READ ONLY transaction lists the schemas, their migration versions, tables and sequences, then
 * copies each table out in PostgreSQL's binary COPY format into the archive. Writes going on in the
 * suite meanwhile are not seen; the archive holds a state that existed at one instant.
 */
public final class SuiteDumper {

    /**
     * Tables whose content is not part of a backup: Flyway's history (the manifest records the
     * versions; a restore rebuilds the history by running the migrations) and the transient
     * maintenance flag.
     */
    public static final Set<String> NOT_BACKED_UP = Set.of("flyway_schema_history", "maintenance");

    private final Connection connection;
    private final Instant snapshotAt;
    private final List<Manifest.SchemaEntry> plan;

    private SuiteDumper(Connection connection, Instant snapshotAt, List<Manifest.SchemaEntry> plan) {
        this.connection = connection;
        this.snapshotAt = snapshotAt;
        this.plan = plan;
    }

    /**
     * Opens the snapshot on {@code connection} (left in its transaction until {@link #close()}) and
     * plans the archive: which of {@code schemas} exist and are migrated, with their tables in
     * foreign-key order and their sequences.
     */
    public static SuiteDumper begin(Connection connection, List<String> schemas) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        Instant at;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select now()")) {
            rs.next();
            at = rs.getTimestamp(1).toInstant();
        }
        List<Manifest.SchemaEntry> plan = new ArrayList<>();
        for (String schema : schemas) {
            Catalog.SchemaShape shape = Catalog.shapeOf(connection, schema, NOT_BACKED_UP);
            if (shape == null || shape.appliedMigrations().isEmpty()) {
                continue;
            }
            List<Manifest.SequenceEntry> sequences = new ArrayList<>();
            for (String sequence : shape.sequences()) {
                try (Statement s = connection.createStatement();
                        ResultSet rs = s.executeQuery("select last_value, is_called from " + Sql.qualified(schema, sequence))) {
                    rs.next();
                    sequences.add(new Manifest.SequenceEntry(sequence, rs.getLong(1), rs.getBoolean(2)));
                }
            }
            List<Manifest.TableEntry> tables = shape.tables().stream()
                    .map(t -> new Manifest.TableEntry(t.name(), t.columns(), -1, null)).toList();
            List<String> applied = shape.appliedMigrations();
            plan.add(new Manifest.SchemaEntry(schema, applied.get(applied.size() - 1), applied, tables, sequences));
        }
        return new SuiteDumper(connection, at, plan);
    }

    /** The moment of the snapshot (the transaction's start). */
    public Instant snapshotAt() {
        return snapshotAt;
    }

    public List<Manifest.SchemaEntry> plan() {
        return plan;
    }

    /**
     * Writes the whole snapshot into {@code writer} and finishes it.
     *
     * @return the complete manifest
     */
    public Manifest writeTo(ArchiveWriter writer, String appVersion, byte[] dataKey, String dataKeyFingerprint)
            throws SQLException, IOException {
        String backupId = writer.header().backupId();
        Manifest head = writer.head(new Manifest(ArchiveFormat.VERSION, backupId, appVersion, snapshotAt, null, null, plan),
                dataKey, dataKeyFingerprint);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        List<Manifest.SchemaEntry> done = new ArrayList<>();
        for (Manifest.SchemaEntry schema : plan) {
            List<Manifest.TableEntry> tables = new ArrayList<>();
            for (Manifest.TableEntry table : schema.tables()) {
                ArchiveWriter.TableSink sink = writer.table(schema.name(), table.name());
                long rows = copy.copyOut("COPY " + Sql.qualified(schema.name(), table.name()) + " ("
                        + Sql.columns(table.columns()) + ") TO STDOUT (FORMAT binary)", sink);
                String sha = sink.finish(rows);
                tables.add(table.withData(rows, sha));
            }
            done.add(new Manifest.SchemaEntry(schema.name(), schema.migrationVersion(), schema.appliedMigrations(),
                    tables, schema.sequences()));
        }
        Manifest complete = new Manifest(head.formatVersion(), backupId, appVersion, snapshotAt,
                head.archiveKeyFingerprint(), head.dataKey(), done);
        writer.finish(complete);
        return complete;
    }

    /** Ends the snapshot's transaction. */
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        }
    }

    /** Row counts per table of what was planned, for logs. */
    static Map<String, Long> counts(Manifest manifest) {
        Map<String, Long> counts = new LinkedHashMap<>();
        manifest.schemas().forEach(s -> s.tables().forEach(t -> counts.put(s.name() + "." + t.name(), t.rows())));
        return counts;
    }

}
