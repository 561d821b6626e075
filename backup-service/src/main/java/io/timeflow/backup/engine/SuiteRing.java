package io.timeflow.backup.engine;

import io.timeflow.backup.archive.RingMaterial;
import io.timeflow.platform.crypto.DataKeyTable;
import io.timeflow.platform.crypto.KeyRing;
import io.timeflow.platform.crypto.KeyWrap;
import io.timeflow.platform.crypto.SealedReferences;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The suite's key ring as backups carry it and restores rebuild it (ADR 0090). A backup carries every
 * key of every service's ring in clear (the archive key wraps them): the installation key, previous
 * installation keys an operator lists, and the {@code data_key} rows of each schema. A restore gives
 * each restored schema the ring of this installation (its rows as they are) plus every key of the
 * archive it lacks, wrapped by this installation's key and RETAINED: values keep their sealing, new
 * values are sealed with this installation's active key, and a later rotation moves the old ones.
 */
public final class SuiteRing {

    /** Precedence of a key's states across schemas: the most alive wins. */
    private static final List<KeyRing.State> ALIVE = List.of(KeyRing.State.ACTIVE, KeyRing.State.RETIRING,
            KeyRing.State.RETAINED, KeyRing.State.DIGEST_ONLY, KeyRing.State.RETIRED);

    /** This installation's keys: the installation key (which wraps the table's keys) and previous ones. */
    public record Installation(byte[] key, List<byte[]> previousKeys) {
        public String keyId() {
            return KeyRing.idOf(key);
        }

        boolean configures(String keyId) {
            return keyId().equals(keyId) || previousKeys.stream().anyMatch(k -> KeyRing.idOf(k).equals(keyId));
        }
    }

    private SuiteRing() {
    }

    /** The rows of every given schema's ring, one per key (the most alive state, with material when any has it). */
    public static List<DataKeyTable.Row> rows(Connection c, List<String> schemas) throws SQLException {
        Map<String, DataKeyTable.Row> union = new LinkedHashMap<>();
        for (String schema : schemas) {
            if (!Catalog.schemaExists(c, schema) || !DataKeyTable.exists(c, schema)) {
                continue;
            }
            for (DataKeyTable.Row row : DataKeyTable.read(c, schema)) {
                union.merge(row.keyId(), row, SuiteRing::moreAlive);
            }
        }
        return new ArrayList<>(union.values());
    }

    private static DataKeyTable.Row moreAlive(DataKeyTable.Row a, DataKeyTable.Row b) {
        DataKeyTable.Row first = ALIVE.indexOf(a.state()) <= ALIVE.indexOf(b.state()) ? a : b;
        DataKeyTable.Row other = first == a ? b : a;
        if (first.material() == null && other.material() != null) {
            return new DataKeyTable.Row(first.keyId(), first.state(), other.material(), other.wrappedBy(), first.origin(),
                    first.addedAt(), first.resealedAt(), first.retiredAt(), first.sealedValues(), first.digests(),
                    first.checkedAt());
        }
        return first;
    }

    /** The suite's whole ring in clear, as a backup carries it: what the schemas' rows and this installation's keys hold. */
    public static List<RingMaterial> read(Connection c, List<String> schemas, Installation installation) throws SQLException {
        KeyRing ring = DataKeyTable.ring(installation.key(), installation.previousKeys(), rows(c, schemas));
        List<RingMaterial> all = new ArrayList<>();
        for (KeyRing.Entry e : ring.entries()) {
            if (e.dataKey() != null) {
                all.add(new RingMaterial(e.id(), RingMaterial.DATA_KEY, e.state().name(),
                        e.id().equals(ring.installationKeyId()), e.dataKey().getEncoded()));
            } else if (e.digestKey() != null) {
                all.add(new RingMaterial(e.id(), RingMaterial.DIGEST_KEY, e.state().name(), false, e.digestKey()));
            }
        }
        return all;
    }

    /** The id of the active key of a ring read by {@link #read}. */
    public static String activeId(Connection c, List<String> schemas, Installation installation) throws SQLException {
        return DataKeyTable.ring(installation.key(), installation.previousKeys(), rows(c, schemas)).activeId();
    }

    /**
     * Gives restored schema {@code target} its ring: this installation's rows ({@code live}, as they are)
     * and every key of the archive they lack (RETAINED, or DIGEST_ONLY for a digest key alone), wrapped by
     * this installation's key. API keys digested before digests named their key get the id of the
     * archive's installation key, which made them.
     */
    public static void install(Connection c, String target, List<RingMaterial> archive, List<DataKeyTable.Row> live,
            Installation installation, String origin) throws SQLException {
        Map<String, DataKeyTable.Row> rows = new LinkedHashMap<>();
        for (DataKeyTable.Row row : live) {
            rows.put(row.keyId(), row);
        }
        Instant now = Instant.now();
        for (RingMaterial key : archive) {
            if (installation.configures(key.keyId())) {
                continue; // this installation's own key: its configuration holds it
            }
            DataKeyTable.Row known = rows.get(key.keyId());
            boolean knownOpens = known != null && known.material() != null
                    && (known.state() != KeyRing.State.DIGEST_ONLY || !key.dataKey());
            if (knownOpens) {
                continue;
            }
            KeyRing.State state = key.dataKey() ? KeyRing.State.RETAINED : KeyRing.State.DIGEST_ONLY;
            KeyWrap.Kind kind = key.dataKey() ? KeyWrap.Kind.DATA_KEY : KeyWrap.Kind.DIGEST_KEY;
            rows.put(key.keyId(), new DataKeyTable.Row(key.keyId(), state,
                    KeyWrap.wrap(installation.key(), key.keyId(), kind, key.material()), installation.keyId(), origin,
                    now, null, null, null, null, null));
        }
        DataKeyTable.clear(c, target);
        for (DataKeyTable.Row row : rows.values()) {
            DataKeyTable.put(c, target, row);
        }
        archive.stream().filter(RingMaterial::installation).findFirst().ifPresent(k -> {
            try (PreparedStatement ps = c.prepareStatement("update " + Sql.qualified(target, "api_key")
                    + " set digest_key_id = ? where digest_key_id is null")) {
                ps.setString(1, k.keyId());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("the restored API keys could not be given their digest key: "
                        + e.getMessage(), e);
            }
        });
    }

    /**
     * The key ids values and API-key digests of restored schema {@code target} name that its ring (as
     * installed) cannot serve: a restore with any of them would leave secrets nobody can open.
     */
    public static Set<String> missingKeys(Connection c, String target, Installation installation) throws SQLException {
        KeyRing ring = DataKeyTable.ring(installation.key(), installation.previousKeys(), DataKeyTable.read(c, target));
        Set<String> missing = new TreeSet<>();
        for (String id : SealedReferences.keyIds(c, target)) {
            if (ring.dataKey(id).isEmpty()) {
                missing.add(id);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select distinct digest_key_id from " + Sql.qualified(target, "api_key")
                + " where digest_key_id is not null and revoked_at is null"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (ring.digestKey(rs.getString(1)).isEmpty()) {
                    missing.add(rs.getString(1));
                }
            }
        }
        return missing;
    }
}
