package io.timeflow.backup.domain;

import io.timeflow.backup.engine.Catalog;
import io.timeflow.backup.engine.Sql;
import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.platform.crypto.DataKeyTable;
import io.timeflow.platform.crypto.KeyRing;
import io.timeflow.platform.crypto.KeyWrap;
import io.timeflow.platform.crypto.SecretCipher;
import io.timeflow.platform.db.DatabaseSessions;
import io.timeflow.platform.history.ChangeHistory;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The suite's key ring seen across every service's schema, and its rotation (ADR 0090). A rotation
 * makes a new random data-encryption key active in every schema in one transaction (wrapped by the
 * installation key) and marks every other key RETIRING; each service's re-seal pass then moves its
 * values to the new key in the background and retires the old keys once nothing of its schema is
 * sealed with them. backup-service writes the schemas of every service: its role is a member of
 * theirs, as for restores.
 */
@ApplicationScoped
public class KeyRingService {

    private static final Logger LOG = Logger.getLogger(KeyRingService.class);

    /** One key as one schema's ring has it. */
    public record SchemaState(String schema, KeyRing.State state, Long sealedValues, Long digests, Instant checkedAt,
            Instant retiredAt) {
    }

    /** One key of the suite's ring, with its state in each schema. */
    public record Key(String keyId, KeyRing.State state, boolean installationKey, String origin, Instant addedAt,
            List<SchemaState> schemas) {
    }

    /** The suite's ring. */
    public record Status(String installationKeyId, String activeKeyId, boolean rotationInProgress, List<Key> keys) {
    }

    private static final List<KeyRing.State> ALIVE = List.of(KeyRing.State.ACTIVE, KeyRing.State.RETIRING,
            KeyRing.State.RETAINED, KeyRing.State.DIGEST_ONLY, KeyRing.State.RETIRED);

    private final DatabaseSessions sessions;
    private final OperationLock operations;
    private final SecretCipher cipher;
    private final CurrentActor actors;
    private final ChangeHistory history;
    private final Clock clock;

    @Inject
    public KeyRingService(DatabaseSessions sessions, OperationLock operations, SecretCipher cipher, CurrentActor actors,
            ChangeHistory history, Clock clock) {
        this.sessions = sessions;
        this.operations = operations;
        this.cipher = cipher;
        this.actors = actors;
        this.history = history;
        this.clock = clock;
    }

    public Status status() {
        requireKey();
        try (Connection c = sessions.open("timeflow-key-ring")) {
            return status(c);
        } catch (SQLException e) {
            throw new ProblemException(BackupProblem.KEY_RING_UNREADABLE, "the key ring could not be read");
        }
    }

    private Status status(Connection c) throws SQLException {
        String installationId = KeyRing.idOf(cipher.installationKey());
        Map<String, List<SchemaState>> perKey = new LinkedHashMap<>();
        Map<String, DataKeyTable.Row> first = new LinkedHashMap<>();
        List<String> schemas = schemas(c);
        for (String schema : schemas) {
            List<DataKeyTable.Row> rows = DataKeyTable.read(c, schema);
            boolean anyActive = rows.stream().anyMatch(r -> r.state() == KeyRing.State.ACTIVE);
            if (rows.stream().noneMatch(r -> r.keyId().equals(installationId))) {
                // the installation key without a row of its own: active unless a rotation made another key active
                rows = new ArrayList<>(rows);
                rows.add(0, new DataKeyTable.Row(installationId, anyActive ? KeyRing.State.RETAINED : KeyRing.State.ACTIVE,
                        null, null, "installation key", null, null, null, null, null, null));
            }
            for (DataKeyTable.Row r : rows) {
                perKey.computeIfAbsent(r.keyId(), k -> new ArrayList<>()).add(new SchemaState(schema, r.state(),
                        r.sealedValues(), r.digests(), r.checkedAt(), r.retiredAt()));
                first.putIfAbsent(r.keyId(), r);
            }
        }
        List<Key> keys = new ArrayList<>();
        String active = null;
        boolean rotating = false;
        for (Map.Entry<String, List<SchemaState>> e : perKey.entrySet()) {
            KeyRing.State state = e.getValue().stream().map(SchemaState::state)
                    .min((a, b) -> ALIVE.indexOf(a) - ALIVE.indexOf(b)).orElse(KeyRing.State.RETIRED);
            if (state == KeyRing.State.ACTIVE) {
                active = e.getKey();
            }
            rotating |= state == KeyRing.State.RETIRING;
            DataKeyTable.Row row = first.get(e.getKey());
            keys.add(new Key(e.getKey(), state, e.getKey().equals(installationId), row.origin(), row.addedAt(),
                    e.getValue()));
        }
        keys.sort((a, b) -> ALIVE.indexOf(a.state()) - ALIVE.indexOf(b.state()));
        return new Status(installationId, active == null ? installationId : active, rotating, keys);
    }

    /**
     * Rotates the data-encryption key: a new random key becomes active in every schema, every other
     * key is RETIRING; 409 while a backup or restore runs (the restore would not carry the new key).
     */
    public Status rotate() {
        requireKey();
        Actor actor = actors.get();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String keyId = KeyRing.idOf(key);
        String installationId = KeyRing.idOf(cipher.installationKey());
        Instant now = clock.instant();
        String origin = "rotation by " + actor.subject() + " at " + now;
        Status status;
        try (Connection c = sessions.open("timeflow-key-rotation")) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("lock table operation_lock in share row exclusive mode");
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "select kind, job_id from operation_lock")) {
                    // a job whose replica stopped (nobody holds its lease) is recovery's, not a reason to wait
                    if (rs.next() && operations.isLive(rs.getObject(2, java.util.UUID.class))) {
                        throw ProblemException.of(BackupProblem.OPERATION_IN_PROGRESS, "the data-encryption key cannot be"
                                        + " rotated while " + rs.getString(1).toLowerCase(java.util.Locale.ROOT) + " "
                                        + rs.getString(2) + " runs")
                                .with("runningKind", rs.getString(1)).with("runningId", rs.getString(2));
                    }
                }
                List<String> schemas = schemas(c);
                for (String schema : schemas) {
                    try (Statement s = c.createStatement()) {
                        s.execute("lock table " + Sql.qualified(schema, "data_key") + " in exclusive mode");
                    }
                    List<DataKeyTable.Row> rows = DataKeyTable.read(c, schema);
                    for (DataKeyTable.Row r : rows) {
                        if (r.state() == KeyRing.State.ACTIVE || r.state() == KeyRing.State.RETAINED) {
                            DataKeyTable.put(c, schema, new DataKeyTable.Row(r.keyId(), KeyRing.State.RETIRING, r.material(),
                                    r.wrappedBy(), r.origin(), r.addedAt(), null, null, r.sealedValues(), r.digests(),
                                    r.checkedAt()));
                        }
                    }
                    if (rows.stream().noneMatch(r -> r.keyId().equals(installationId))) {
                        DataKeyTable.put(c, schema, new DataKeyTable.Row(installationId, KeyRing.State.RETIRING, null, null,
                                "installation key", now, null, null, null, null, null));
                    }
                    DataKeyTable.put(c, schema, new DataKeyTable.Row(keyId, KeyRing.State.ACTIVE,
                            KeyWrap.wrap(cipher.installationKey(), keyId, KeyWrap.Kind.DATA_KEY, key), installationId,
                            origin, now, null, null, null, null, null));
                }
                c.commit();
                status = status(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.errorf("rotating the data-encryption key failed: %s", e.getMessage());
            throw new ProblemException(BackupProblem.ROTATION_FAILED,
                    "the data-encryption key could not be rotated; nothing changed");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        recordHistory(keyId, status);
        LOG.infof("data-encryption key rotated by %s: key %s is active; the services re-seal their values in the"
                + " background", actor.subject(), keyId);
        return status;
    }

    private void recordHistory(String keyId, Status status) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> history.record("data-key", keyId, "rotated",
                "key " + keyId + " made active; keys " + status.keys().stream()
                        .filter(k -> k.state() == KeyRing.State.RETIRING).map(Key::keyId).toList() + " retiring"));
    }

    /** The schemas whose ring backup-service keeps: those that exist and have the table. */
    private List<String> schemas(Connection c) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String schema : SuiteMigrations.SCHEMAS) {
            if (Catalog.schemaExists(c, schema) && DataKeyTable.exists(c, schema)) {
                found.add(schema);
            }
        }
        return found;
    }

    private void requireKey() {
        if (!cipher.configured()) {
            throw new ProblemException(BackupProblem.ENCRYPTION_KEY_MISSING,
                    "the key ring needs the installation key (timeflow.encryption.key)");
        }
    }
}
