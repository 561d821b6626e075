package io.timeflow.backup.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indexes and constraints of a schema being loaded, dropped before the data is copied in and
 * built again afterwards (as pg_restore does): building a B-tree once from sorted data is far
 * cheaper than maintaining it row by row. Definitions come from the catalogue
 * ({@code pg_get_indexdef}, {@code pg_get_constraintdef}), so names and definitions are exactly
 * those the migrations created.
 */
public final class DeferredIndexes {

    /** One index or constraint: the tables it locks when built (its own; a foreign key's also the one it references). */
    private record Statement2(Set<String> tables, String drop, String create) {
    }

    private final List<Statement2> foreignKeys;
    private final List<Statement2> keys;
    private final List<Statement2> indexes;

    private DeferredIndexes(List<Statement2> foreignKeys, List<Statement2> keys, List<Statement2> indexes) {
        this.foreignKeys = foreignKeys;
        this.keys = keys;
        this.indexes = indexes;
    }

    /** The same indexes and keys, without the foreign keys. */
    DeferredIndexes withoutForeignKeys() {
        return new DeferredIndexes(List.of(), keys, indexes);
    }

    /** Reads the definitions of {@code schema}'s indexes and constraints and drops them. */
    public static DeferredIndexes drop(Connection c, String schema) throws SQLException {
        List<Statement2> foreignKeys = new ArrayList<>();
        List<Statement2> keys = new ArrayList<>();
        List<Statement2> indexes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select k.contype, t.relname, k.conname, pg_get_constraintdef(k.oid), rn.nspname, r.relname
                from pg_constraint k join pg_class t on t.oid = k.conrelid join pg_namespace n on n.oid = t.relnamespace
                left join pg_class r on r.oid = k.confrelid left join pg_namespace rn on rn.oid = r.relnamespace
                where n.nspname = ? and k.contype in ('f', 'p', 'u', 'x') order by t.relname, k.conname""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = Sql.qualified(schema, rs.getString(2));
                    String name = Sql.ident(rs.getString(3));
                    Set<String> tables = rs.getString(6) == null ? Set.of(table)
                            : Set.of(table, Sql.qualified(rs.getString(5), rs.getString(6)));
                    Statement2 s = new Statement2(tables, "alter table " + table + " drop constraint " + name,
                            "alter table " + table + " add constraint " + name + " " + rs.getString(4));
                    (rs.getString(1).equals("f") ? foreignKeys : keys).add(s);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select i.relname, pg_get_indexdef(x.indexrelid), t.relname
                from pg_index x join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = i.relnamespace
                join pg_class t on t.oid = x.indrelid
                where n.nspname = ? and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
                order by i.relname""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new Statement2(Set.of(Sql.qualified(schema, rs.getString(3))),
                            "drop index " + Sql.qualified(schema, rs.getString(1)), rs.getString(2)));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (Statement2 fk : foreignKeys) {
                s.execute(fk.drop());
            }
            for (Statement2 key : keys) {
                s.execute(key.drop());
            }
            for (Statement2 index : indexes) {
                s.execute(index.drop());
            }
        }
        return new DeferredIndexes(foreignKeys, keys, indexes);
    }

    /**
     * What builds everything again, table by table: each table's plain indexes, then its primary and unique keys
     * (then, once every table has its keys, the {@link #foreignKeys}). Tables are independent of each other, so their
     * groups are built on several sessions at once ({@link ParallelRebuild}).
     */
    public List<ParallelRebuild.Group> perTable() {
        Map<Set<String>, List<String>> groups = new LinkedHashMap<>();
        for (Statement2 index : indexes) {
            groups.computeIfAbsent(index.tables(), t -> new ArrayList<>()).add(index.create());
        }
        for (Statement2 key : keys) {
            groups.computeIfAbsent(key.tables(), t -> new ArrayList<>()).add(key.create());
        }
        return groups.entrySet().stream().map(g -> new ParallelRebuild.Group(g.getKey(), g.getValue())).toList();
    }

    /**
     * The foreign keys, built once every table's keys exist (they check the data against them). Each locks its table
     * and the one it references: two that share a table never run at once (two tables that reference each other
     * would deadlock).
     */
    public List<ParallelRebuild.Group> foreignKeys() {
        return foreignKeys.stream().map(fk -> new ParallelRebuild.Group(fk.tables(), List.of(fk.create()))).toList();
    }
}
