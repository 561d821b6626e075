package io.timeflow.platform.security.apikey;

import io.timeflow.events.staging.ApiKeyCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This service's table of API keys ({@code api_key}, platform migration V0_4): written by the
 * issuing service in the transaction that creates or revokes a key, and by every service from the
 * api-key events of {@code timeflow.staging.v1}; read to authenticate a presented key.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    /** A key's last use is written at most this often, so a busy script does not write on every call. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** A key as the table holds it (no secret, no digest). */
    public record Key(UUID id, String name, String role, String createdBy, Instant createdAt, Instant revokedAt,
            Instant lastUsedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    private final EntityManager em;
    private final ApiKeyDigest digest;

    @Inject
    public ApiKeys(EntityManager em, ApiKeyDigest digest) {
        this.em = em;
        this.digest = digest;
    }

    /** Records a created key; a repeat (the event coming back to the issuer) changes nothing. */
    @Transactional
    public void created(ApiKeyCreated key) {
        em.createNativeQuery("""
                insert into api_key (key_id, name, role, digest, created_by, created_at, digest_key_id)
                values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as text)) on conflict (key_id) do nothing""")
                .setParameter(1, UUID.fromString(key.keyId()))
                .setParameter(2, key.name())
                .setParameter(3, key.role())
                .setParameter(4, key.digest())
                .setParameter(5, key.createdBy())
                .setParameter(6, Timestamp.from(key.createdAt()))
                .setParameter(7, key.digestKeyId())
                .executeUpdate();
    }

    /** Marks a key revoked (the first revocation time stays). Returns whether the key was known. */
    @Transactional
    public boolean revoked(UUID keyId, Instant at) {
        return em.createNativeQuery("update api_key set revoked_at = coalesce(revoked_at, ?1) where key_id = ?2")
                .setParameter(1, Timestamp.from(at))
                .setParameter(2, keyId)
                .executeUpdate() > 0;
    }

    @Transactional
    public Optional<Key> find(UUID keyId) {
        List<?> rows = em.createNativeQuery("""
                select key_id, name, role, created_by, created_at, revoked_at, last_used_at
                from api_key where key_id = ?1""").setParameter(1, keyId).getResultList();
        return rows.stream().map(r -> toKey((Object[]) r)).findFirst();
    }

    /** Every key, newest first. */
    @Transactional
    public List<Key> list(int offset, int limit) {
        List<?> rows = em.createNativeQuery("""
                select key_id, name, role, created_by, created_at, revoked_at, last_used_at
                from api_key order by created_at desc, key_id limit ?1 offset ?2""")
                .setParameter(1, limit).setParameter(2, offset).getResultList();
        return rows.stream().map(r -> toKey((Object[]) r)).toList();
    }

    @Transactional
    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from api_key").getSingleResult()).longValue();
    }

    /**
     * The key a presented credential stands for, when it is well formed, known, not revoked and its
     * secret matches; empty otherwise (the caller answers 401 without saying which).
     */
    @Transactional
    public Optional<Key> authenticate(String presented) {
        if (!digest.available()) {
            return Optional.empty();
        }
        Optional<ApiKeyFormat.Parsed> parsed = ApiKeyFormat.parse(presented);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        UUID id = parsed.get().keyId();
        List<?> rows = em.createNativeQuery("""
                select key_id, name, role, created_by, created_at, revoked_at, last_used_at, digest, digest_key_id
                from api_key where key_id = ?1 and revoked_at is null""")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        if (!digest.matches(parsed.get().secret(), (String) row[7], (String) row[8])) {
            return Optional.empty();
        }
        // the key is read before its last use is written, and nothing is read after: a write that fails (a
        // restore's swap cancels the sessions queued behind its locks, ADR 0042) leaves this transaction aborted,
        // and the call goes on with the key it has (its last use at most LAST_USED_RESOLUTION old)
        touch(id);
        return Optional.of(toKey(row));
    }

    private void touch(UUID id) {
        try {
            em.createNativeQuery("""
                    update api_key set last_used_at = now()
                    where key_id = ?1 and (last_used_at is null or last_used_at < now() - make_interval(secs => ?2))""")
                    .setParameter(1, id)
                    .setParameter(2, (double) LAST_USED_RESOLUTION.toSeconds())
                    .executeUpdate();
        } catch (RuntimeException e) {
            LOG.debugf("last use of API key %s not recorded: %s", id, e.getClass().getSimpleName());
        }
    }

    private static Key toKey(Object[] r) {
        return new Key((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], instant(r[4]), instant(r[5]),
                instant(r[6]));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case Timestamp t -> t.toInstant();
            case OffsetDateTime o -> o.toInstant();
            default -> throw new IllegalStateException("unexpected time type " + value.getClass());
        };
    }
}
