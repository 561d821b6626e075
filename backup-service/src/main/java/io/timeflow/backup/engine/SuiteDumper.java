package io.timeflow.backup.engine;

import io.timeflow.backup.archive.ArchiveFormat;
import io.timeflow.backup.archive.ArchiveWriter;
import io.timeflow.backup.archive.Manifest;
import io.timeflow.backup.archive.RingMaterial;
import java.sql.PreparedStatement;
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
     * versions; a restore rebuilds the history by running the migrations), the transient
     * maintenance flag, and the key ring's table (its rows are wrapped by the installation's key; the
     * archive carries the keys themselves, and a restore rebuilds the table: ADR 0090).
     */
    public static final Set<String> NOT_BACKED_UP = Set.of("flyway_schema_history", "maintenance", "data_key");

    /**
     * backup-service's own tables that describe this installation's operations rather than the suite's
     * state (ADR 0091): the backup/restore lock, the installation's identity and Quartz's runtime store
     * (rebuilt from the schedule).
     */
    public static final Set<String> BACKUP_RUNTIME = Set.of("operation_lock", "installation", "qrtz_job_details",
            "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers", "qrtz_blob_triggers",
            "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks");

    /** backup-service's schema, which a backup holds and a restore merges rather than swaps (ADR 0091). */
    public static final String BACKUP_SCHEMA = "backup";

    /** The tables of {@code schema} whose content a backup does not hold. */
    public static Set<String> notBackedUp(String schema) {
        if (!BACKUP_SCHEMA.equals(schema)) {
            return NOT_BACKED_UP;
        }
        Set<String> all = new java.util.HashSet<>(NOT_BACKED_UP);
        all.addAll(BACKUP_RUNTIME);
        return all;
    }

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
        return within(connection, schemas);
    }

    /**
     * Plans the archive inside the transaction already open on {@code connection} (tests use it to take a
     * backup of what an uncommitted transaction wrote); {@link #close()} is the caller's business then.
     */
    public static SuiteDumper within(Connection connection, List<String> schemas) throws SQLException {
        Instant at;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select now()")) {
            rs.next();
            at = rs.getTimestamp(1).toInstant();
        }
        List<Manifest.SchemaEntry> plan = new ArrayList<>();
        for (String schema : schemas) {
            Catalog.SchemaShape shape = Catalog.shapeOf(connection, schema, notBackedUp(schema));
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
            long size;
            try (PreparedStatement ps = connection.prepareStatement("""
                    select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c
                    join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind = 'r'""")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    size = rs.getLong(1);
                }
            }
            plan.add(new Manifest.SchemaEntry(schema, applied.get(applied.size() - 1), applied, tables, sequences, size));
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

    /** The suite's key ring as the snapshot sees it, in clear (the archive wraps it). */
    public List<RingMaterial> ring(SuiteRing.Installation installation) throws SQLException {
        return SuiteRing.read(connection, plan.stream().map(Manifest.SchemaEntry::name).toList(), installation);
    }

    /** The id of the suite's active key in the snapshot. */
    public String activeKeyId(SuiteRing.Installation installation) throws SQLException {
        return SuiteRing.activeId(connection, plan.stream().map(Manifest.SchemaEntry::name).toList(), installation);
    }

    /**
     * Writes the whole snapshot into {@code writer} with the suite's key ring and finishes it.
     *
     * @return the complete manifest
     */
    public Manifest writeTo(ArchiveWriter writer, String appVersion, List<RingMaterial> ring, String activeKeyId)
            throws SQLException, IOException {
        String backupId = writer.header().backupId();
        Manifest head = writer.headWithRing(new Manifest(ArchiveFormat.VERSION, backupId, appVersion, snapshotAt, null, null,
                plan), ring, activeKeyId);
        return writeTables(writer, appVersion, head);
    }

    /**
     * Writes the whole snapshot into {@code writer} with a single data key (as versions before the key
     * ring did; kept for tests that make such archives) and finishes it.
     *
     * @return the complete manifest
     */
    public Manifest writeTo(ArchiveWriter writer, String appVersion, byte[] dataKey, String dataKeyFingerprint)
            throws SQLException, IOException {
        String backupId = writer.header().backupId();
        Manifest head = writer.head(new Manifest(ArchiveFormat.VERSION, backupId, appVersion, snapshotAt, null, null, plan),
                dataKey, dataKeyFingerprint);
        return writeTables(writer, appVersion, head);
    }

    private Manifest writeTables(ArchiveWriter writer, String appVersion, Manifest head) throws SQLException, IOException {
        String backupId = head.backupId();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        List<Manifest.SchemaEntry> done = new ArrayList<>();
        for (Manifest.SchemaEntry schema : plan) {
            List<Manifest.TableEntry> tables = new ArrayList<>();
            for (Manifest.TableEntry table : schema.tables()) {
                ArchiveWriter.TableSink sink = writer.table(schema.name(), table.name());
                long rows = copy.copyOut("COPY " + Sql.qualified(schema.name(), table.name()) + " ("
                        + Sql.columns(table.columns()) + ") TO STDOUT (FORMAT binary)", sink);
                String sha = sink.finish(rows);
                tables.add(table.withData(rows, sha, sink.bytes()));
            }
            done.add(schema.withTables(tables));
        }
        Manifest complete = new Manifest(head.formatVersion(), backupId, appVersion, snapshotAt,
                head.archiveKeyFingerprint(), head.dataKey(), done, head.dataKeys());
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
