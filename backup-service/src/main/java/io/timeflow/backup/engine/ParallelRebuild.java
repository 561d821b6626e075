package io.timeflow.backup.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The work a restore does on its tables besides copying them in, spread over several database sessions as
 * {@code pg_restore -j} does (started while the copies go on, see {@link #start}): each table's indexes and keys on whichever session is free (a table's statements stay together and in
 * order), then the foreign keys, then {@code analyze} of every table. Like {@code pg_restore -j}, two groups that lock
 * a common table never run at once: a foreign key locks its table and the one it references, and two tables that
 * reference each other, built on two sessions at once, deadlock. The restore schemas are not visible to the
 * services yet, so nothing else waits on these locks.
 */
public final class ParallelRebuild {

    /** Sessions at once: PostgreSQL builds an index on one core, and a restore should leave the suite some. */
    public static final int SESSIONS = 2;

    /** Statements run in order on one session, and the tables (qualified names) they lock. */
    public record Group(Set<String> tables, List<String> statements) {
        public Group {
            tables = Set.copyOf(tables);
            statements = List.copyOf(statements);
        }
    }

    private ParallelRebuild() {
    }

    /** {@code analyze} of each table (qualified names), on several sessions. */
    public static void analyze(ConnectionFactory connections, String label, List<String> tables) throws Exception {
        run(connections, label, tables.stream().map(t -> new Group(Set.of(t), List.of("analyze " + t))).toList());
    }

    /**
     * Runs the groups on up to {@link #SESSIONS} database sessions, never two groups that share a table at once; the
     * first failure fails the whole.
     */
    static void run(ConnectionFactory connections, String label, List<Group> groups) throws Exception {
        if (groups.isEmpty()) {
            return;
        }
        try (Running running = start(connections, label)) {
            running.add(groups);
            running.finish();
        }
    }

    /**
     * Starts {@link #SESSIONS} sessions that take groups as they are {@link Running#add added}, so that a restore can
     * build a table's indexes while it copies the next table in (as {@code pg_restore -j} does). Sessions are opened
     * when the first group comes.
     */
    public static Running start(ConnectionFactory connections, String label) {
        return new Running(connections, label);
    }

    /** A rebuild under way: groups are added while it runs, {@link #finish} waits for them all. */
    public static final class Running implements AutoCloseable {
        private final Schedule schedule = new Schedule();
        private final ConnectionFactory connections;
        private final String label;
        private final ExecutorService pool;
        private final List<Future<Void>> workers = new ArrayList<>();

        private Running(ConnectionFactory connections, String label) {
            this.connections = connections;
            this.label = label;
            this.pool = Executors.newFixedThreadPool(SESSIONS, r -> Thread.ofPlatform().name(label).unstarted(r));
        }

        /**
         * Queues groups (in order); a session takes each once no running group shares a table with it. Until
         * {@link #finish}, one session builds: the restore's copy, which the whole load waits for, keeps a core.
         */
        public void add(List<Group> groups) {
            if (groups.isEmpty()) {
                return;
            }
            schedule.add(groups);
            startSessions(1);
        }

        private void startSessions(int upTo) {
            while (workers.size() < upTo && workers.size() < schedule.added()) {
                String name = label + "-" + (workers.size() + 1);
                workers.add(pool.submit(() -> work(name)));
            }
        }

        private Void work(String name) throws Exception {
            try (Connection c = connections.open(name); Statement session = c.createStatement()) {
                c.setAutoCommit(true);
                session.execute("set maintenance_work_mem = '256MB'");
                SuiteLoader.noCommitWait(c);
                for (Group group = schedule.take(); group != null; group = schedule.take()) {
                    try {
                        for (String sql : group.statements()) {
                            session.execute(sql);
                        }
                    } finally {
                        schedule.done(group);
                    }
                }
            } catch (Exception e) {
                schedule.cancel();
                throw e;
            }
            return null;
        }

        /** No more groups: waits until every group added is built; the first failure fails the whole. */
        public void finish() throws Exception {
            schedule.close();
            startSessions(SESSIONS);
            for (Future<Void> w : workers) {
                try {
                    w.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    schedule.cancel();
                    throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
                }
            }
        }

        /** Takes nothing more and waits for the statements running (after a failure elsewhere: before the drop). */
        @Override
        public void close() {
            schedule.cancel();
            pool.shutdown();
            for (Future<Void> w : workers) {
                try {
                    w.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pool.shutdownNow();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    // reported by finish(), or the failure that closes this is already on its way
                }
            }
        }
    }

    /**
     * The groups not yet run, and the tables of those running: a session takes the first group free of them. More
     * groups can come until it is closed.
     */
    private static final class Schedule {
        private final LinkedList<Group> pending = new LinkedList<>();
        private final Set<String> locked = new HashSet<>();
        private int added;
        private boolean closed;

        synchronized void add(List<Group> groups) {
            if (closed) {
                throw new IllegalStateException("the rebuild takes no more groups");
            }
            pending.addAll(groups);
            added += groups.size();
            notifyAll();
        }

        synchronized int added() {
            return added;
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        /**
         * The next group whose tables no running group holds, waiting while each pending one shares one or, before
         * the close, for more; null at the end.
         */
        synchronized Group take() throws InterruptedException {
            while (!pending.isEmpty() || !closed) {
                for (Iterator<Group> it = pending.iterator(); it.hasNext(); ) {
                    Group g = it.next();
                    if (Collections.disjoint(g.tables(), locked)) {
                        it.remove();
                        locked.addAll(g.tables());
                        return g;
                    }
                }
                wait();
            }
            return null;
        }

        synchronized void done(Group g) {
            locked.removeAll(g.tables());
            notifyAll();
        }

        /** After a failure: nothing more is taken. */
        synchronized void cancel() {
            pending.clear();
            closed = true;
            notifyAll();
        }
    }
}
