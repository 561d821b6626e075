package io.timeflow.backup.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The one transaction in which a restore changes live data. Opened when the suite is quiesced: it
 * takes EXCLUSIVE locks on every live table (reads go on; a write that slipped past the maintenance
 * check before it was set is waited for, later ones wait behind it), so nothing is written between
 * the safety backup and the swap. The swap renames each live schema away, renames its restored
 * twin into its place, drops the old one and records the swap, all in that same transaction: it
 * commits whole or not at all. A process killed at any point before the commit leaves the live
 * schemas exactly as they were (PostgreSQL rolls the transaction back when the session ends).
 * <p>
 * The services keep some background writers while quiesced (Quartz's cluster check-in, Kafka
 * consumers): one that read a live table and then waits behind the EXCLUSIVE lock to write it would
 * deadlock with the swap's ACCESS EXCLUSIVE lock. Such a session can only fail (the table it waits
 * for is replaced), so the swap cancels the sessions waiting on its locks before it takes them, and
 * tries again a few times if a new one slipped in (see {@link #takeOver}).
 * <p>
 * The tables the EXCLUSIVE lock leaves free ({@code maintenance}, {@code data_key}, Flyway's history:
 * read by every request's transaction before it reads the data) are locked first, before the data
 * tables: a request that read one of them and then reads a data table finishes, instead of waiting
 * for the swap that waits for it (a deadlock the swap lost, failing a restore, in a clean-clone CI run).
 */
public final class SchemaSwap implements AutoCloseable {

    private final Connection connection;
    private final List<String> lockedTables;
    private final List<String> bookkeeping;
    private boolean committed;

    private SchemaSwap(Connection connection, List<String> lockedTables, List<String> bookkeeping) {
        this.connection = connection;
        this.lockedTables = lockedTables;
        this.bookkeeping = bookkeeping;
    }

    /**
     * Opens the transaction and locks the live tables of {@code schemas} that exist, waiting at most {@code timeout}.
     * A write that was under way when the suite went into maintenance may hold one table and then ask for another
     * this lock statement already holds (staging-service's report of a restore start locks its dSource's row, then
     * writes the outbox): a deadlock, which PostgreSQL resolves by failing whichever waited first, most often this
     * statement. So a deadlock undoes the attempt (under a savepoint), the write then finishes, and the lock
     * statement is tried again until the timeout.
     */
    public static SchemaSwap quiesce(ConnectionFactory connections, String label, List<String> schemas, Duration timeout)
            throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Connection c = connections.open(label);
        try {
            c.setAutoCommit(false);
            List<String> tables = new ArrayList<>();
            List<String> bookkeeping = new ArrayList<>();
            for (String schema : schemas) {
                Catalog.SchemaShape shape = Catalog.shapeOf(c, schema, Set.of());
                if (shape != null) {
                    for (Catalog.Table t : shape.tables()) {
                        (SuiteDumper.NOT_BACKED_UP.contains(t.name()) ? bookkeeping : tables)
                                .add(Sql.qualified(schema, t.name()));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("set local lock_timeout = " + Math.max(1, timeout.toMillis()));
                while (!tables.isEmpty()) {
                    s.execute("savepoint quiesce");
                    try {
                        s.execute("set local lock_timeout = "
                                + Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                        s.execute("lock table " + String.join(", ", tables) + " in exclusive mode");
                        s.execute("release savepoint quiesce");
                        break;
                    } catch (SQLException e) {
                        s.execute("rollback to savepoint quiesce");
                        if (!DEADLOCK.equals(e.getSQLState()) || System.nanoTime() >= deadline) {
                            throw e;
                        }
                    }
                }
            }
            return new SchemaSwap(c, tables, bookkeeping);
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
        swap(schemas, suffix, restoreId, maintenance, null);
    }

    /**
     * As {@link #swap(List, String, UUID, io.timeflow.platform.maintenance.Maintenance)}, and in the same
     * transaction merges the restored copy of {@code merged} (backup-service's own schema, which is not
     * swapped: ADR 0091) into the live one by {@link CatalogueMerge}, then drops the copy; when the archive
     * has no copy of it (an earlier version's), only the API keys follow the restored issuer's.
     *
     * @return what the merge changed (empty when nothing was merged)
     */
    public CatalogueMerge.Result swap(List<String> schemas, String suffix, UUID restoreId,
            io.timeflow.platform.maintenance.Maintenance maintenance, String merged) throws SQLException {
        if (maintenance != null) {
            for (String schema : schemas) {
                io.timeflow.platform.maintenance.MaintenanceTable.mark(connection, SuiteLoader.restoreSchema(schema, suffix), maintenance);
            }
        }
        takeOver(s -> {
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
        });
        CatalogueMerge.Result mergedRows = new CatalogueMerge.Result(java.util.Map.of());
        if (merged != null) {
            String copy = SuiteLoader.restoreSchema(merged, suffix);
            if (Catalog.schemaExists(connection, copy)) {
                mergedRows = CatalogueMerge.merge(connection, copy, merged);
                try (Statement s = connection.createStatement()) {
                    s.execute("drop schema " + Sql.ident(copy) + " cascade");
                }
            } else if (schemas.contains(CatalogueMerge.KEY_ISSUER)) {
                // an earlier version's archive, without backup-service's schema: its API keys still come in
                mergedRows = CatalogueMerge.apiKeysFrom(connection, CatalogueMerge.KEY_ISSUER, merged);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("update restore set swapped_at = now() where id = ?")) {
            ps.setObject(1, restoreId);
            ps.executeUpdate();
        }
        connection.commit();
        committed = true;
        return mergedRows;
    }

    /** SQL state of a deadlock victim. */
    static final String DEADLOCK = "40P01";
    /** SQL states of a lock wait given up (lock_timeout) and of a deadlock victim. */
    static final List<String> RETRIED_STATES = List.of("55P03", DEADLOCK);
    static final int TAKE_OVER_ATTEMPTS = 5;

    /** Statements run under the swap's ACCESS EXCLUSIVE locks. */
    interface Locked {
        void run(Statement s) throws SQLException;
    }

    /**
     * Takes the ACCESS EXCLUSIVE locks the renames need and runs {@code then} (the renames and drops) under them,
     * without deadlocking with a session that read a live table and waits behind the EXCLUSIVE lock to write it:
     * such sessions are cancelled first (their statement fails, their transaction rolls back; a scheduler or
     * consumer retries later, on the restored tables). The tables the EXCLUSIVE lock left free are locked first
     * (see the class comment). Each attempt runs under a savepoint, so a failed one (a lock wait given up, or a
     * deadlock this session lost, say with a session that holds a sequence or type the drop locks) undoes its
     * renames and keeps the EXCLUSIVE locks taken when the suite was quiesced.
     */
    void takeOver(Locked then) throws SQLException {
        List<String> all = new ArrayList<>(bookkeeping);
        all.addAll(lockedTables);
        for (int attempt = 1; ; attempt++) {
            try (Statement s = connection.createStatement()) {
                s.execute("savepoint take_over");
                try {
                    if (!all.isEmpty()) {
                        cancelWaiters(s);
                        s.execute("set local lock_timeout = 3000");
                        s.execute("lock table " + String.join(", ", all) + " in access exclusive mode");
                    }
                    then.run(s);
                    s.execute("release savepoint take_over");
                    return;
                } catch (SQLException e) {
                    s.execute("rollback to savepoint take_over");
                    if (!RETRIED_STATES.contains(e.getSQLState()) || attempt >= TAKE_OVER_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
    }

    /** How long the swap waits for the sessions it cancelled to leave the queue of its locks. */
    static final Duration CANCELLED_LEAVE_WITHIN = Duration.ofMillis(500);

    /**
     * Cancels the statements of the sessions (of roles this one may signal) waiting for a lock this transaction holds,
     * and waits until none is waiting any more (at most {@link #CANCELLED_LEAVE_WITHIN}). A cancel is a signal: the
     * session leaves the queue a moment after. Asked for the ACCESS EXCLUSIVE lock in that moment, PostgreSQL sees the
     * swap wait for a session that still waits for it and fails the swap's statement as a deadlock at once; a
     * clean-clone CI run lost a restore that way (an API key's last use, read and then written, during the swap).
     */
    private static void cancelWaiters(Statement s) throws SQLException {
        long until = System.nanoTime() + CANCELLED_LEAVE_WITHIN.toNanos();
        while (true) {
            int waiting;
            try (ResultSet rs = s.executeQuery("select count(pg_cancel_backend(pid)) from pg_stat_activity "
                    + "where pid <> pg_backend_pid() and pg_backend_pid() = any(pg_blocking_pids(pid)) "
                    + "and pg_has_role(usesysid, 'MEMBER')")) {
                rs.next();
                waiting = rs.getInt(1);
            }
            if (waiting == 0 || System.nanoTime() >= until) {
                return;
            }
            LockSupport.parkNanos(10_000_000L);
        }
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
