package io.timeflow.platform.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds sealed values by what every sealed value carries, {@code tfenc:v1:<key id>:}, in every
 * text and JSON column of every table of a schema, whichever service wrote them and wherever: the
 * check that no value still needs a key before it is retired, and that a restored schema's key ring
 * holds every key its values name. It reads whole tables: it runs during rotations and restores only.
 * The platform's own tables are not read: events (the outbox, the inbox, the change history) never
 * carry a secret, API keys hold digests (counted by their key id), and the key ring and Flyway's
 * history hold none.
 */
public final class SealedReferences {

    /** A column that may hold sealed values. */
    public record Column(String table, String column) {
    }

    private SealedReferences() {
    }

    /** The text and JSON columns of the ordinary tables of {@code schema} (null: the session's schema), but the key ring's. */
    public static List<Column> columns(Connection c, String schema) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select cl.relname, a.attname from pg_attribute a
                join pg_class cl on cl.oid = a.attrelid join pg_namespace n on n.oid = cl.relnamespace
                where n.nspname = coalesce(?, current_schema()) and cl.relkind = 'r' and a.attnum > 0
                and not a.attisdropped and a.atttypid in ('text'::regtype, 'varchar'::regtype, 'json'::regtype,
                    'jsonb'::regtype) and cl.relname not in ('data_key', 'flyway_schema_history', 'outbox', 'inbox',
                    'change_history', 'api_key', 'maintenance', 'outbox_bucket')
                order by cl.relname, a.attnum""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return columns;
    }

    /** Rows (per column, summed) of {@code schema} holding a value sealed with {@code keyId}. */
    public static long count(Connection c, String schema, String keyId) throws SQLException {
        long total = 0;
        for (Column col : columns(c, schema)) {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from " + qualified(schema, col.table())
                    + " where " + ident(col.column()) + "::text like ?")) {
                ps.setString(1, "%" + SecretCipher.PREFIX + keyId + ":%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    /** Every key id a sealed value of {@code schema} names. */
    public static Set<String> keyIds(Connection c, String schema) throws SQLException {
        Set<String> ids = new TreeSet<>();
        for (Column col : columns(c, schema)) {
            try (PreparedStatement ps = c.prepareStatement("select distinct (regexp_matches(" + ident(col.column())
                    + "::text, 'tfenc:v1:([0-9a-f]{16}):', 'g'))[1] from " + qualified(schema, col.table())
                    + " where " + ident(col.column()) + "::text like '%tfenc:v1:%'");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String qualified(String schema, String table) {
        return schema == null ? ident(table) : ident(schema) + "." + ident(table);
    }
}
