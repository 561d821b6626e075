package io.timeflow.platform.crypto;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.timeflow.platform.config.TimeflowConfig;
import io.timeflow.platform.jobs.WorkerLoop;
import io.timeflow.platform.maintenance.MaintenanceGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The background half of a key rotation, in every service: while the key ring of the service's
 * schema has RETIRING keys, each pass lets the service's {@link Resealer}s move the values sealed
 * with them to the active key (in small transactions, so a pass stopped by a restart, a restore or a
 * crash simply continues at the next one: the state is the data), then counts what still names each
 * retiring key in every text and JSON column of the schema and in its API-key digests.
 * A key with no sealed value left is retired once it has stayed so for {@code timeflow.encryption.retire-after}
 * (a transaction that sealed with it just before the rotation has committed by then): its material
 * is erased, or, when API keys made with it remain, replaced by their digest key alone (DIGEST_ONLY),
 * itself erased when the last of those keys is revoked. Passes are skipped while the suite is in
 * maintenance (a restore).
 */
@ApplicationScoped
public class ResealWorker {

    private static final Logger LOG = Logger.getLogger(ResealWorker.class);
    static final int BATCH = 200;

    private final SecretCipher cipher;
    private final DataSource dataSource;
    private final MaintenanceGate maintenance;
    private final Instance<Resealer> resealers;
    private final boolean enabled;
    private final Duration interval;
    private final Duration retireAfter;
    private final Clock clock;
    private WorkerLoop timer;

    @Inject
    public ResealWorker(SecretCipher cipher, DataSource dataSource, MaintenanceGate maintenance,
            Instance<Resealer> resealers, TimeflowConfig config, Clock clock) {
        this.cipher = cipher;
        this.clock = clock;
        this.dataSource = dataSource;
        this.maintenance = maintenance;
        this.resealers = resealers;
        this.enabled = config.encryption().reseal().enabled();
        this.interval = config.encryption().reseal().interval();
        this.retireAfter = config.encryption().retireAfter();
    }

    void start(@Observes StartupEvent e) {
        if (!enabled || !cipher.configured()) {
            return;
        }
        timer = WorkerLoop.every("timeflow-reseal", interval, interval, this::pass, (ex, retryIn) ->
                LOG.warnf("a re-seal pass failed (the next one continues): %s", ex.getMessage()));
        timer.start();
    }

    void stop(@Observes ShutdownEvent e) {
        if (timer != null) {
            timer.stop(true, Duration.ofSeconds(5));
        }
    }

    /** What a pass found for one key of this schema. */
    public record KeyProgress(String keyId, KeyRing.State state, long sealedValues, long digests) {
    }

    /** One pass: re-seal, count, retire. Returns what it found for each key it looked at. */
    public synchronized List<KeyProgress> pass() {
        KeyRing ring = cipher.reload();
        List<KeyRing.Entry> watched = ring.entries().stream()
                .filter(k -> k.state() == KeyRing.State.RETIRING || k.state() == KeyRing.State.DIGEST_ONLY).toList();
        if (watched.isEmpty() || maintenance.current().isPresent()) {
            return List.of();
        }
        List<String> retiring = ring.retiring();
        if (!retiring.isEmpty()) {
            for (Resealer r : resealers) {
                long moved = 0;
                int n;
                do {
                    if (maintenance.current().isPresent()) {
                        return List.of();
                    }
                    n = r.reseal(retiring, BATCH);
                    moved += n;
                } while (n > 0);
                if (moved > 0) {
                    LOG.infof("re-sealed %d %s with data-encryption key %s (away from %s)", moved, r.name(),
                            ring.activeId(), retiring);
                }
            }
        }
        List<KeyProgress> progress = new ArrayList<>();
        for (KeyRing.Entry key : watched) {
            progress.add(QuarkusTransaction.requiringNew().call(() -> check(key)));
        }
        return progress;
    }

    private KeyProgress check(KeyRing.Entry key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DataKeyTable.Row row = null;
            try (PreparedStatement ps = c.prepareStatement("select key_id from data_key where key_id = ? for update")) {
                ps.setString(1, key.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        row = DataKeyTable.read(c, null).stream().filter(r -> r.keyId().equals(key.id())).findFirst()
                                .orElse(null);
                    }
                }
            }
            long digests = digests(c, key.id());
            long sealed = key.state() == KeyRing.State.RETIRING ? SealedReferences.count(c, null, key.id()) : 0;
            Instant now = clock.instant();
            if (row == null) {
                // a previous installation key the operator still lists, without a row yet: its progress is recorded
                row = new DataKeyTable.Row(key.id(), KeyRing.State.RETIRING, null, null, "previous installation key",
                        now, null, null, null, null, null);
            }
            KeyRing.State state = row.state();
            String material = row.material();
            String wrappedBy = row.wrappedBy();
            Instant resealedAt = sealed > 0 ? null : row.resealedAt() == null ? now : row.resealedAt();
            Instant retiredAt = row.retiredAt();
            if (state == KeyRing.State.RETIRING && sealed == 0 && !resealedAt.plus(retireAfter).isAfter(now)) {
                if (key.installationKey()) {
                    // a configured key is never erased here: the operator removes it from the configuration
                    state = KeyRing.State.RETIRED;
                    retiredAt = now;
                    LOG.infof("no value of this schema is sealed with installation key %s any more%s", key.id(),
                            cipher.ring().installationKeyId().equals(key.id()) ? ""
                                    : ": it can be removed from timeflow.encryption.previous-keys");
                } else if (digests > 0) {
                    state = KeyRing.State.DIGEST_ONLY;
                    material = KeyWrap.wrap(cipher.installationKey(), key.id(), KeyWrap.Kind.DIGEST_KEY, key.digestKey());
                    wrappedBy = cipher.ring().installationKeyId();
                    LOG.infof("data-encryption key %s retired: no value is sealed with it; kept as the digest key of"
                            + " %d API keys until they are revoked", key.id(), digests);
                } else {
                    state = KeyRing.State.RETIRED;
                    material = null;
                    retiredAt = now;
                    LOG.infof("data-encryption key %s retired: nothing is sealed with it any more; erased", key.id());
                }
            } else if (state == KeyRing.State.DIGEST_ONLY && digests == 0) {
                state = KeyRing.State.RETIRED;
                material = null;
                retiredAt = now;
                LOG.infof("the digest key of data-encryption key %s erased: no API key made with it is left", key.id());
            }
            DataKeyTable.put(c, null, new DataKeyTable.Row(key.id(), state, material, wrappedBy, row.origin(),
                    row.addedAt(), resealedAt, retiredAt, sealed, digests, now));
            return new KeyProgress(key.id(), state, sealed, digests);
        }
    }

    private static long digests(Connection c, String keyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from api_key where digest_key_id = ? and revoked_at is null")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
