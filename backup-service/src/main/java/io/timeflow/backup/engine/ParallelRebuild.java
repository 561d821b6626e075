package io.timeflow.backup.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The work a restore does once the data is in, spread over several database sessions as {@code pg_restore -j}
 * does: each table's indexes and keys on whichever session is free (a table's statements stay together and in
 * order), then the foreign keys, then {@code analyze} of every table. The restore schemas are not visible to the
 * services yet, so nothing else waits on these locks.
 */
public final class ParallelRebuild {

    /** Sessions at once: PostgreSQL builds an index on one core, and a restore should leave the suite some. */
    public static final int SESSIONS = 2;

    private ParallelRebuild() {
    }

    /** Builds every table's indexes and keys, then the foreign keys, of all the given schemas. */
    public static void indexes(ConnectionFactory connections, String label, Collection<DeferredIndexes> schemas)
            throws Exception {
        List<List<String>> groups = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        for (DeferredIndexes d : schemas) {
            groups.addAll(d.perTable());
            foreignKeys.addAll(d.foreignKeys());
        }
        run(connections, label, groups);
        run(connections, label, foreignKeys.stream().map(List::of).toList());
    }

    /** {@code analyze} of each table (qualified names), on several sessions. */
    public static void analyze(ConnectionFactory connections, String label, List<String> tables) throws Exception {
        run(connections, label, tables.stream().map(t -> List.of("analyze " + t)).toList());
    }

    /** Runs the groups of statements on up to {@link #SESSIONS} sessions; the first failure fails the whole. */
    static void run(ConnectionFactory connections, String label, List<List<String>> groups) throws Exception {
        if (groups.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<List<String>> queue = new ConcurrentLinkedQueue<>(groups);
        int sessions = Math.min(SESSIONS, groups.size());
        ExecutorService pool = Executors.newFixedThreadPool(sessions, r -> Thread.ofPlatform().name(label).unstarted(r));
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                String name = label + "-" + (i + 1);
                workers.add(pool.submit(() -> {
                    try (Connection c = connections.open(name); Statement s = c.createStatement()) {
                        c.setAutoCommit(true);
                        s.execute("set maintenance_work_mem = '256MB'");
                        for (List<String> group = queue.poll(); group != null; group = queue.poll()) {
                            for (String sql : group) {
                                s.execute(sql);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> w : workers) {
                try {
                    w.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    queue.clear();
                    throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
