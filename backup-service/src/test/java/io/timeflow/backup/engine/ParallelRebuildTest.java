package io.timeflow.backup.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.backup.SuiteFixture;
import io.timeflow.testing.Infra;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rebuild of a restored schema's keys on two sessions, against the test PostgreSQL: tables that reference each
 * other (as plugin-service's {@code plugin} and {@code plugin_version} do) get their foreign keys back without a
 * deadlock; keys handed over table by table while it runs (as a restore does) are all built.
 */
@Timeout(120)
class ParallelRebuildTest {

    @Test
    void twoTablesThatReferenceEachOtherGetTheirForeignKeysBackOnTwoSessions() throws Exception {
        String schema = newSchemaName();
        ConnectionFactory sessions = sessions();
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
            s.execute("create table " + schema + ".parent (id int primary key, current_child int)");
            s.execute("create table " + schema + ".child (id int primary key, parent_id int not null)");
            s.execute("insert into " + schema + ".parent select g, g from generate_series(1, 50000) g");
            s.execute("insert into " + schema + ".child select g, g from generate_series(1, 50000) g");
            s.execute("alter table " + schema + ".parent add constraint parent_current_child_fk foreign key (current_child) "
                    + "references " + schema + ".child (id) deferrable initially deferred");
            s.execute("alter table " + schema + ".child add constraint child_parent_fk foreign key (parent_id) "
                    + "references " + schema + ".parent (id)");

            // a restore drops them before the data is copied in, and builds them again after
            DeferredIndexes deferred = DeferredIndexes.drop(c, schema);
            assertThat(constraints(c, schema)).isEmpty();
            rebuild(sessions, "rebuild-test", List.of(deferred));
            assertThat(constraints(c, schema)).containsExactly("child_parent_fk", "child_pkey",
                    "parent_current_child_fk", "parent_pkey");

            // the schedule the restore of the CI run met: the first foreign key (child's) waits for its own table,
            // held here by another session, and the second (parent's) would lock parent and queue for child
            // behind it; two such foreign keys on two sessions at once deadlock when the table is free
            deferred = DeferredIndexes.drop(c, schema);
            rebuild(sessions, "rebuild-test", List.of(deferred.withoutForeignKeys()));
            try (Connection blocker = SuiteFixture.superuser(); Statement b = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                b.execute("lock table " + schema + ".child in share mode");
                DeferredIndexes keysBuilt = deferred;
                Thread release = Thread.ofPlatform().start(() -> {
                    try {
                        long until = System.nanoTime() + 3_000_000_000L;
                        while (waiting(schema) < 2 && System.nanoTime() < until) {
                            Thread.sleep(50);
                        }
                        blocker.commit();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                ParallelRebuild.run(sessions, "rebuild-test", keysBuilt.foreignKeys());
                release.join();
            }
            assertThat(constraints(c, schema)).containsExactly("child_parent_fk", "child_pkey",
                    "parent_current_child_fk", "parent_pkey");
        } finally {
            try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    @Test
    void keysHandedOverTableByTableWhileTheRebuildRunsAreAllBuiltAndADuplicateFailsTheWhole() throws Exception {
        String schema = newSchemaName();
        ConnectionFactory sessions = sessions();
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
            for (String t : List.of("a", "b", "c")) {
                s.execute("create table " + schema + "." + t + " (id int primary key, name text)");
                s.execute("create index " + t + "_name on " + schema + "." + t + " (name)");
            }
            DeferredIndexes deferred = DeferredIndexes.drop(c, schema);
            assertThat(constraints(c, schema)).isEmpty();
            // as a restore copies each table in, then hands its indexes and keys over while it copies the next
            try (ParallelRebuild.Running rebuild = ParallelRebuild.start(sessions, "rebuild-test")) {
                for (ParallelRebuild.Group table : deferred.perTable()) {
                    s.execute("insert into " + table.tables().iterator().next()
                            + " select g, 'name ' || g from generate_series(1, 20000) g");
                    rebuild.add(List.of(table));
                }
                rebuild.finish();
            }
            assertThat(constraints(c, schema)).containsExactly("a_pkey", "b_pkey", "c_pkey");
            assertThat(indexes(c, schema)).containsExactly("a_name", "a_pkey", "b_name", "b_pkey", "c_name", "c_pkey");

            // a table whose data breaks its key (one id twice): the rebuild fails, and says why
            deferred = DeferredIndexes.drop(c, schema);
            s.execute("insert into " + schema + ".b values (1, 'again')");
            try (ParallelRebuild.Running rebuild = ParallelRebuild.start(sessions, "rebuild-test")) {
                rebuild.add(deferred.perTable());
                assertThatThrownBy(rebuild::finish).isInstanceOf(java.sql.SQLException.class)
                        .hasMessageContaining("could not create unique index \"b_pkey\"");
            }
            assertThat(constraints(c, schema)).doesNotContain("b_pkey");
        } finally {
            try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    /** A restore's whole rebuild of the given schemas: every table's indexes and keys, then the foreign keys. */
    private static void rebuild(ConnectionFactory sessions, String label, List<DeferredIndexes> schemas) throws Exception {
        try (ParallelRebuild.Running rebuild = ParallelRebuild.start(sessions, label)) {
            for (DeferredIndexes d : schemas) {
                rebuild.add(d.perTable());
            }
            rebuild.finish();
        }
        ParallelRebuild.run(sessions, label, schemas.stream().flatMap(d -> d.foreignKeys().stream()).toList());
    }

    private static String newSchemaName() {
        return "rebuild_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Sessions of the test PostgreSQL's superuser, named by their label. */
    private static ConnectionFactory sessions() {
        return label -> {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("ApplicationName", label);
            return java.sql.DriverManager.getConnection(Infra.postgres().jdbcUrl(), p);
        };
    }

    /** Sessions waiting for a lock on a table of {@code schema}. */
    private static int waiting(String schema) throws Exception {
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select count(*) from pg_locks l join pg_class t on t.oid = l.relation
                join pg_namespace n on n.oid = t.relnamespace where not l.granted and n.nspname = '%s'""".formatted(schema))) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> indexes(Connection c, String schema) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select indexname from pg_indexes where schemaname = '%s' order by indexname""".formatted(schema))) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static List<String> constraints(Connection c, String schema) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select k.conname from pg_constraint k join pg_namespace n on n.oid = k.connamespace
                where n.nspname = '%s' order by k.conname""".formatted(schema))) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
