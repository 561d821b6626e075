package io.timeflow.backup.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the PostgreSQL catalogue says about a service schema: migrations applied, tables, columns, sequences. */
public final class Catalog {

    /** A table and its columns, in the order of the data. */
    public record Table(String name, List<String> columns) {
    }

    /**
     * @param appliedMigrations Flyway versions applied successfully, in the order applied (empty: never migrated)
     * @param tables            ordinary tables, parents before children
     * @param sequences         sequence names
     */
    public record SchemaShape(String schema, List<String> appliedMigrations, List<Table> tables, List<String> sequences) {
    }

    private Catalog() {
    }

    public static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_namespace where nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The shape of {@code schema}, or null when it does not exist. Tables named in {@code excluded} are left out. */
    public static SchemaShape shapeOf(Connection c, String schema, Set<String> excluded) throws SQLException {
        if (!schemaExists(c, schema)) {
            return null;
        }
        List<String> applied = appliedMigrations(c, schema);
        Map<Long, String> names = new TreeMap<>();
        Map<String, Long> oids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select c.oid, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and c.relkind = 'r' order by c.relname""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!excluded.contains(rs.getString(2))) {
                        names.put(rs.getLong(1), rs.getString(2));
                        oids.put(rs.getString(2), rs.getLong(1));
                    }
                }
            }
        }
        Map<String, Set<String>> parents = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select k.conrelid, k.confrelid from pg_constraint k join pg_class c on c.oid = k.conrelid
                join pg_namespace n on n.oid = c.relnamespace
                where k.contype = 'f' and n.nspname = ? and k.conrelid <> k.confrelid""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String child = names.get(rs.getLong(1));
                    String parent = names.get(rs.getLong(2));
                    if (child != null && parent != null) {
                        parents.computeIfAbsent(child, k -> new HashSet<>()).add(parent);
                    }
                }
            }
        }
        List<Table> tables = new ArrayList<>();
        for (String table : foreignKeyOrder(new TreeSet<>(oids.keySet()), parents)) {
            tables.add(new Table(table, columnsOf(c, oids.get(table))));
        }
        List<String> sequences = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and c.relkind = 'S' order by c.relname""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sequences.add(rs.getString(1));
                }
            }
        }
        return new SchemaShape(schema, applied, tables, sequences);
    }

    /** Flyway versions applied to {@code schema}, in the order applied; empty when it has no history. */
    public static List<String> appliedMigrations(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?)")) {
            ps.setString(1, Sql.qualified(schema, "flyway_schema_history"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getString(1) == null) {
                    return List.of();
                }
            }
        }
        List<String> versions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version from "
                + Sql.qualified(schema, "flyway_schema_history")
                + " where success and version is not null order by installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    static List<String> columnsOf(Connection c, long oid) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select attname from pg_attribute where attrelid = ? and attnum > 0 and not attisdropped
                and attgenerated = '' order by attnum""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /**
     * Orders tables so that every table comes after the tables its foreign keys reference (ties by
     * name); tables caught in a cycle of references keep name order at the end.
     */
    public static List<String> foreignKeyOrder(Set<String> tables, Map<String, Set<String>> parents) {
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        TreeSet<String> remaining = new TreeSet<>(tables);
        boolean progress = true;
        while (!remaining.isEmpty() && progress) {
            progress = false;
            for (String t : new ArrayList<>(remaining)) {
                Set<String> needs = parents.getOrDefault(t, Set.of());
                if (needs.stream().allMatch(p -> placed.contains(p) || !tables.contains(p))) {
                    ordered.add(t);
                    placed.add(t);
                    remaining.remove(t);
                    progress = true;
                }
            }
        }
        ordered.addAll(remaining);
        return ordered;
    }
}
