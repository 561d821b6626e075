package io.timeflow.backup.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
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
 * The work a restore does once the data is in, spread over several database sessions as {@code pg_restore -j}
 * does: each table's indexes and keys on whichever session is free (a table's statements stay together and in
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

    /** Builds every table's indexes and keys, then the foreign keys, of all the given schemas. */
    public static void indexes(ConnectionFactory connections, String label, Collection<DeferredIndexes> schemas)
            throws Exception {
        List<Group> groups = new ArrayList<>();
        List<Group> foreignKeys = new ArrayList<>();
        for (DeferredIndexes d : schemas) {
            groups.addAll(d.perTable());
            foreignKeys.addAll(d.foreignKeys());
        }
        run(connections, label, groups);
        run(connections, label, foreignKeys);
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
        Schedule schedule = new Schedule(groups);
        int n = Math.min(SESSIONS, groups.size());
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> Thread.ofPlatform().name(label).unstarted(r));
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = label + "-" + (i + 1);
                workers.add(pool.submit(() -> {
                    try (Connection c = connections.open(name); Statement session = c.createStatement()) {
                        c.setAutoCommit(true);
                        session.execute("set maintenance_work_mem = '256MB'");
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
                }));
            }
            for (Future<Void> w : workers) {
                try {
                    w.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    schedule.cancel();
                    throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The groups not yet run, and the tables of those running: a session takes the first group free of them. */
    private static final class Schedule {
        private final LinkedList<Group> pending;
        private final Set<String> locked = new HashSet<>();

        Schedule(List<Group> groups) {
            this.pending = new LinkedList<>(groups);
        }

        /** The next group whose tables no running group holds, waiting while each pending one shares one; null at the end. */
        synchronized Group take() throws InterruptedException {
            while (!pending.isEmpty()) {
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
            notifyAll();
        }
    }
}
