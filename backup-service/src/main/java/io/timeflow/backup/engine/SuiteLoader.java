package io.timeflow.backup.engine;

import io.timeflow.backup.archive.ArchiveHeader;
import io.timeflow.backup.archive.ArchiveKey;
import io.timeflow.backup.archive.ArchiveReader;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.archive.Manifest;
import io.timeflow.backup.archive.RingMaterial;
import io.timeflow.platform.crypto.DataKeyTable;
import io.timeflow.platform.maintenance.Maintenance;
import io.timeflow.platform.maintenance.MaintenanceTable;
import java.io.InputStream;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads an archive into new schemas beside the live ones ({@code <schema>_restore_<suffix>}), never
 * touching the live schemas: each is built by the services' own migrations at the versions the
 * backup was taken with, filled with the archive's data (checked against its counts and checksums
 * as it streams in), its sequences set, then migrated to this build's version. The schemas are
 * swapped in by {@link SchemaSwap}; until then a failure only leaves schemas that
 * {@link #dropRestoreSchemas} removes.
 */
public final class SuiteLoader {

    /** What a load did. */
    public record Loaded(Manifest manifest, List<String> schemas, boolean upgraded, long rows) {
    }

    /** A step reached, for progress reporting (and tests that stop a restore halfway). */
    public record Progress(String step, String schema, String table) {
    }

    /** Gives a restored schema its key ring, once it is migrated to this version (ADR 0090). */
    public interface RingSetup {
        /**
         * @param schema  the service schema ({@code staging}, ...)
         * @param target  its restored copy
         * @param archive the key ring the archive carries, in clear
         * @throws SQLException or a refusal when the schema's values need a key nobody holds
         */
        void install(Connection c, String schema, String target, List<RingMaterial> archive) throws SQLException;
    }

    private final ConnectionFactory connections;
    private final SuiteMigrations migrations;

    public SuiteLoader(ConnectionFactory connections, SuiteMigrations migrations) {
        this.connections = connections;
        this.migrations = migrations;
    }

    public static String restoreSchema(String schema, String suffix) {
        return schema + "_restore_" + suffix;
    }

    public static String roleOf(String schema) {
        return "timeflow_" + schema;
    }

    /**
     * Loads the archive read from {@code archive} into restore schemas with the given suffix, and
     * marks each of them in maintenance (so the flag survives the swap until the restore ends).
     */
    public Loaded load(InputStream archive, KeySource keys, String suffix, Maintenance maintenance,
            Consumer<Progress> progress) throws Exception {
        return load(archive, keys, suffix, maintenance, head -> { }, progress);
    }

    /**
     * As {@link #load(InputStream, KeySource, String, Maintenance, Consumer)}, handing the archive's
     * (authenticated) opening manifest to {@code accept} before anything is created: it throws to refuse
     * the archive (a version too new, say). {@code maintenance} may be null (the swap sets it then).
     */
    public Loaded load(InputStream archive, KeySource keys, String suffix, Maintenance maintenance,
            Consumer<Manifest> accept, Consumer<Progress> progress) throws Exception {
        return load(archive, keys, suffix, maintenance, accept, progress, null);
    }

    /**
     * As {@link #load(InputStream, KeySource, String, Maintenance, Consumer, Consumer)}, giving each
     * restored schema its key ring with {@code ring} (null: the key ring tables stay empty).
     */
    public Loaded load(InputStream archive, KeySource keys, String suffix, Maintenance maintenance,
            Consumer<Manifest> accept, Consumer<Progress> progress, RingSetup ring) throws Exception {
        String label = "timeflow-restore-" + suffix;
        List<List<RingMaterial>> archiveRing = new ArrayList<>(List.of(List.of()));
        try (Connection c = connections.open(label);
                ParallelRebuild.Running rebuild = ParallelRebuild.start(connections, label + "-indexes");
                Preparation later = new Preparation(connections, label + "-schemas")) {
            c.setAutoCommit(true);
            noCommitWait(c);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Manifest.SchemaEntry> heads = new LinkedHashMap<>();
            Map<String, DeferredIndexes> deferred = new LinkedHashMap<>();
            // each table's indexes and keys, handed to the rebuild's sessions once the table is in
            Map<Set<String>, ParallelRebuild.Group> toBuild = new LinkedHashMap<>();
            DataSource flywaySource = dataSource(label + "-migrations");
            // the tables analysed right after their keys: those of schemas that no migration changes after the copy
            Set<String> current = new HashSet<>();
            Set<String> analyzed = new HashSet<>();
            // a schema is ready once its restore schema is built at the archive's versions and its indexes and keys
            // are dropped: its tables' groups are then known, each handed to the rebuild once its table is in
            Consumer<String> ready = schema -> {
                if (!deferred.containsKey(schema)) {
                    if (!later.done(schema)) {
                        progress.accept(new Progress("CREATE_SCHEMA", schema, null));
                    }
                    DeferredIndexes dropped = later.await(schema);
                    deferred.put(schema, dropped);
                    dropped.perTable().forEach(g -> toBuild.put(g.tables(), g));
                    if (heads.get(schema).appliedMigrations().containsAll(migrations.versionsOf(schema))) {
                        current.add(schema);
                    }
                }
            };
            ArchiveReader.Result result = ArchiveReader.read(archive, keys, new ArchiveReader.Visitor() {
                @Override
                public void head(ArchiveHeader header, Manifest head, ArchiveKey key) {
                    accept.accept(head);
                    archiveRing.set(0, ArchiveReader.ring(header, head, key));
                    List<Manifest.SchemaEntry> schemas = head.schemas();
                    schemas.forEach(schema -> heads.put(schema.name(), schema));
                    if (schemas.isEmpty()) {
                        return;
                    }
                    // the first schema is built here, the others on a session of their own while the first one's
                    // tables are copied in (as pg_restore's data waits only for its own table's definition)
                    progress.accept(new Progress("CREATE_SCHEMA", schemas.get(0).name(), null));
                    later.built(schemas.get(0).name(), prepare(c, flywaySource, schemas.get(0), suffix));
                    later.start(schemas.subList(1, schemas.size()),
                            (session, schema) -> prepare(session, flywaySource, schema, suffix));
                    ready.accept(schemas.get(0).name());
                }

                @Override
                public long table(String schema, Manifest.TableEntry declared, InputStream data) throws Exception {
                    ready.accept(schema);
                    String target = restoreSchema(schema, suffix);
                    progress.accept(new Progress("LOAD_TABLE", schema, declared.name()));
                    String table = Sql.qualified(target, declared.name());
                    // emptied (of the rows the migrations seed, e.g. the outbox buckets) in the copy's own
                    // transaction, so that the rows go in frozen (COPY FREEZE): the index builds and analyze that
                    // follow find every row visible and write no hint bits
                    c.setAutoCommit(false);
                    long rows;
                    try (Statement s = c.createStatement()) {
                        s.execute("truncate table " + table);
                        s.execute("alter table " + table + " disable trigger user");
                        rows = copy.copyIn("COPY " + table + " (" + Sql.columns(declared.columns())
                                + ") FROM STDIN (FORMAT binary, FREEZE)", data, 1 << 16);
                        s.execute("alter table " + table + " enable trigger user");
                        c.commit();
                    } catch (Exception e) {
                        c.rollback();
                        throw e;
                    } finally {
                        c.setAutoCommit(true);
                    }
                    // its indexes and keys are built on other sessions while the next table is copied in
                    ParallelRebuild.Group group = toBuild.remove(Set.of(table));
                    if (current.contains(schema)) {
                        // no migration will change its rows: its statistics are taken now, on the session that
                        // built its keys, instead of after the data is all in
                        List<String> statements = new ArrayList<>(group == null ? List.of() : group.statements());
                        statements.add("analyze " + table);
                        group = new ParallelRebuild.Group(Set.of(table), statements);
                        analyzed.add(table);
                    }
                    if (group != null) {
                        rebuild.add(List.of(group));
                    }
                    return rows;
                }
            });
            Manifest manifest = result.manifest();
            // the schemas the archive holds no data for
            heads.keySet().forEach(ready);
            boolean upgraded = false;
            List<String> schemas = new ArrayList<>();
            for (Manifest.SchemaEntry schema : manifest.schemas()) {
                progress.accept(new Progress("INDEXES", schema.name(), null));
            }
            // the indexes and keys of the tables the archive holds no data for, then the foreign keys, once every
            // table has its keys (on several sessions at once, as pg_restore -j builds them)
            rebuild.add(List.copyOf(toBuild.values()));
            rebuild.finish();
            ParallelRebuild.run(connections, label + "-indexes",
                    deferred.values().stream().flatMap(d -> d.foreignKeys().stream()).toList());
            List<String> analyze = new ArrayList<>();
            for (Manifest.SchemaEntry schema : manifest.schemas()) {
                String target = restoreSchema(schema.name(), suffix);
                progress.accept(new Progress("SEQUENCES", schema.name(), null));
                for (Manifest.SequenceEntry seq : schema.sequences()) {
                    try (PreparedStatement ps = c.prepareStatement("select setval(?::regclass, ?, ?)")) {
                        ps.setString(1, Sql.qualified(target, seq.name()));
                        ps.setLong(2, seq.lastValue());
                        ps.setBoolean(3, seq.called());
                        ps.execute();
                    }
                }
                progress.accept(new Progress("MIGRATE", schema.name(), null));
                MigrateResult migrated = migrations.migrate(flywaySource, schema.name(), target, roleOf(schema.name()),
                        script -> true);
                upgraded |= migrated.migrationsExecuted > 0;
                if (ring != null && DataKeyTable.exists(c, target)) {
                    progress.accept(new Progress("KEY_RING", schema.name(), null));
                    ring.install(c, schema.name(), target, archiveRing.get(0));
                }
                if (maintenance != null && !SuiteDumper.BACKUP_SCHEMA.equals(schema.name())) {
                    MaintenanceTable.mark(c, target, maintenance);
                }
                for (Manifest.TableEntry table : schema.tables()) {
                    if (!analyzed.contains(Sql.qualified(target, table.name()))) {
                        analyze.add(Sql.qualified(target, table.name()));
                    }
                }
                schemas.add(schema.name());
            }
            ParallelRebuild.analyze(connections, label + "-analyze", analyze);
            return new Loaded(manifest, schemas, upgraded, manifest.totalRows());
        }
    }

    /**
     * Builds the restore schema of {@code schema} at the archive's versions (the services' own migrations) and drops
     * its indexes and keys, which the rebuild builds again once the data is in.
     */
    private DeferredIndexes prepare(Connection c, DataSource flywaySource, Manifest.SchemaEntry schema, String suffix) {
        String target = restoreSchema(schema.name(), suffix);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + Sql.ident(target) + " cascade");
                s.execute("create schema " + Sql.ident(target) + " authorization " + Sql.ident(roleOf(schema.name())));
            }
            Set<String> versions = new HashSet<>(schema.appliedMigrations());
            migrations.migrate(flywaySource, schema.name(), target, roleOf(schema.name()),
                    script -> versions.contains(script.version()));
            return DeferredIndexes.drop(c, target);
        } catch (SQLException e) {
            throw new LoadFailure("preparing the restore schemas failed: " + e.getMessage(), e);
        }
    }

    /**
     * The restore schemas after the first, built one after another on a session and a thread of their own while the
     * load copies the first schema's tables in. Closing it stops before the next schema and waits for the one being
     * built, so that nothing is created behind a failed load's drop of its schemas.
     */
    static final class Preparation implements AutoCloseable {
        private final ConnectionFactory connections;
        private final String label;
        private final ExecutorService thread;
        private final Map<String, CompletableFuture<DeferredIndexes>> schemas = new ConcurrentHashMap<>();
        private volatile boolean stopped;

        Preparation(ConnectionFactory connections, String label) {
            this.connections = connections;
            this.label = label;
            this.thread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name(label).daemon().unstarted(r));
        }

        /** A schema built by the load's own session. */
        void built(String schema, DeferredIndexes dropped) {
            schemas.put(schema, CompletableFuture.completedFuture(dropped));
        }

        /** Builds {@code rest} in order on a session of its own. */
        void start(List<Manifest.SchemaEntry> rest, BiFunction<Connection, Manifest.SchemaEntry, DeferredIndexes> build) {
            rest.forEach(schema -> schemas.put(schema.name(), new CompletableFuture<>()));
            if (rest.isEmpty()) {
                return;
            }
            thread.execute(() -> {
                int next = 0;
                RuntimeException failure = null;
                try (Connection c = connections.open(label)) {
                    c.setAutoCommit(true);
                    noCommitWait(c);
                    for (; next < rest.size() && !stopped; next++) {
                        schemas.get(rest.get(next).name()).complete(build.apply(c, rest.get(next)));
                    }
                } catch (SQLException | Error e) {
                    failure = new LoadFailure("preparing the restore schemas failed: " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    // what was not built fails its wait: with the failure, or because the load stopped
                    RuntimeException end = failure != null ? failure
                            : new LoadFailure("the load stopped before its schemas were built", null);
                    for (; next < rest.size(); next++) {
                        schemas.get(rest.get(next).name()).completeExceptionally(end);
                    }
                }
            });
        }

        /** Whether the schema is built (or failed). */
        boolean done(String schema) {
            CompletableFuture<DeferredIndexes> f = schemas.get(schema);
            return f != null && f.isDone();
        }

        /** The schema's dropped indexes and keys, once it is built; its failure otherwise. */
        DeferredIndexes await(String schema) {
            try {
                return schemas.get(schema).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        @Override
        public void close() {
            stopped = true;
            thread.close();
        }
    }

    /**
     * A load's session does not wait for each commit to reach the disk (the copies, index builds and analyze of a
     * restore commit one table at a time): nothing of the load is used before the swap, whose commit waits for the
     * disk and so for all that was written before it, the load included; a load cut short by a crash is dropped by
     * the recovery of the restore ({@code Recovery}). Only for sessions of {@link ConnectionFactory} (never pooled).
     */
    static void noCommitWait(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
        }
    }

    /** Drops every schema a restore with this suffix left (after a failure, or by the recovery of a dead one). */
    public static List<String> dropRestoreSchemas(Connection c, String suffix) throws SQLException {
        List<String> dropped = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select nspname from pg_namespace where nspname like ? escape '!' order by nspname")) {
            ps.setString(1, "%!_restore!_" + suffix);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        for (String name : names) {
            try (Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + Sql.ident(name) + " cascade");
                dropped.add(name);
            }
        }
        return dropped;
    }

    /** A minimal unpooled DataSource for Flyway, whose sessions switch role: they are closed after use. */
    private DataSource dataSource(String label) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return connections.open(label);
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return connections.open(label);
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    /** A failure of the load itself (not of the archive). */
    public static final class LoadFailure extends RuntimeException {
        public LoadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
