package io.timeflow.platform.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The {@code data_key} table of a schema (platform migration V0_6): the keys of the ring beside the
 * installation key, each wrapped by an installation key. Plain JDBC on a given connection, so that
 * a service reads its own schema and backup-service writes the schemas of every service (a
 * rotation, a restore) with the same statements.
 */
public final class DataKeyTable {

    private static final Logger LOG = Logger.getLogger(DataKeyTable.class);

    /**
     * A row.
     *
     * @param material     base64 of the wrapped key (or digest key, for DIGEST_ONLY); null for a configured
     *                     key's own row and once retired
     * @param wrappedBy    id of the installation key that wrapped the material
     * @param sealedValues values of this schema still sealed with the key at the last re-seal pass
     * @param digests      API keys of this schema still digested with it at the last pass
     */
    public record Row(String keyId, KeyRing.State state, String material, String wrappedBy, String origin,
            Instant addedAt, Instant resealedAt, Instant retiredAt, Long sealedValues, Long digests, Instant checkedAt) {

        public Row withState(KeyRing.State s) {
            return new Row(keyId, s, material, wrappedBy, origin, addedAt, resealedAt, retiredAt, sealedValues, digests,
                    checkedAt);
        }
    }

    private DataKeyTable() {
    }

    /** The table in {@code schema} (null: the session's own schema). */
    static String table(String schema) {
        return schema == null ? "data_key" : "\"" + schema.replace("\"", "\"\"") + "\".data_key";
    }

    /** Whether {@code schema} has the table (a schema migrated before V0_6 has not). */
    public static boolean exists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?)")) {
            ps.setString(1, table(schema));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) != null;
            }
        }
    }

    public static List<Row> read(Connection c, String schema) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select key_id, state, material, wrapped_by, origin, added_at,"
                + " resealed_at, retired_at, sealed_values, digests, checked_at from " + table(schema) + " order by added_at, key_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), KeyRing.State.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                        (Long) rs.getObject(9), (Long) rs.getObject(10), instant(rs.getTimestamp(11))));
            }
        }
        return rows;
    }

    /** Inserts the row, or replaces the row of the same key. */
    public static void put(Connection c, String schema, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + table(schema) + " (key_id, state, material, wrapped_by,"
                + " origin, added_at, resealed_at, retired_at, sealed_values, digests, checked_at)"
                + " values (?, ?, ?, ?, ?, coalesce(?, now()), ?, ?, ?, ?, ?) on conflict (key_id) do update set"
                + " state = excluded.state, material = excluded.material, wrapped_by = excluded.wrapped_by,"
                + " origin = excluded.origin, resealed_at = excluded.resealed_at, retired_at = excluded.retired_at,"
                + " sealed_values = excluded.sealed_values, digests = excluded.digests, checked_at = excluded.checked_at")) {
            ps.setString(1, row.keyId());
            ps.setString(2, row.state().name());
            ps.setString(3, row.material());
            ps.setString(4, row.wrappedBy());
            ps.setString(5, row.origin());
            ps.setTimestamp(6, timestamp(row.addedAt()));
            ps.setTimestamp(7, timestamp(row.resealedAt()));
            ps.setTimestamp(8, timestamp(row.retiredAt()));
            ps.setObject(9, row.sealedValues());
            ps.setObject(10, row.digests());
            ps.setTimestamp(11, timestamp(row.checkedAt()));
            ps.executeUpdate();
        }
    }

    /** Removes every row (a restore rebuilding a schema's ring). */
    public static void clear(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table(schema))) {
            ps.executeUpdate();
        }
    }

    /**
     * Builds the ring from the configured installation key, the previous installation keys and the
     * table's rows. A row whose material no configured key unwraps is left out with a warning (its
     * values stay sealed, and say which key they need).
     */
    public static KeyRing ring(byte[] installationKey, List<byte[]> previousKeys, List<Row> rows) {
        KeyRing.Builder b = KeyRing.builder(installationKey);
        for (byte[] previous : previousKeys) {
            b.previousInstallationKey(previous);
        }
        Map<String, byte[]> wrappers = new java.util.LinkedHashMap<>();
        if (installationKey != null) {
            wrappers.put(KeyRing.idOf(installationKey), installationKey);
        }
        previousKeys.forEach(k -> wrappers.putIfAbsent(KeyRing.idOf(k), k));
        for (Row row : rows) {
            byte[] material = null;
            if (row.material() != null) {
                KeyWrap.Kind kind = row.state() == KeyRing.State.DIGEST_ONLY ? KeyWrap.Kind.DIGEST_KEY : KeyWrap.Kind.DATA_KEY;
                byte[] wrapper = row.wrappedBy() == null ? null : wrappers.get(row.wrappedBy());
                if (wrapper != null) {
                    material = KeyWrap.unwrap(wrapper, row.keyId(), kind, row.material());
                }
                if (material == null) {
                    LOG.warnf("data-encryption key %s of the key ring is wrapped by key %s, which is not configured:"
                            + " values sealed with it cannot be opened (list the old installation key in"
                            + " timeflow.encryption.previous-keys)", row.keyId(), row.wrappedBy());
                    continue;
                }
            }
            b.tableKey(row.keyId(), row.state(), material);
        }
        return b.build();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
