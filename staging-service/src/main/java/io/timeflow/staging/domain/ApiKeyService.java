package io.timeflow.staging.domain;

import io.timeflow.events.staging.ApiKeyCreated;
import io.timeflow.events.staging.ApiKeyRevoked;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.CurrentActor;
import io.timeflow.platform.security.apikey.ApiKeyDigest;
import io.timeflow.platform.security.apikey.ApiKeyFormat;
import io.timeflow.platform.security.apikey.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Issues and revokes API keys for automation (ADR 0060). The key is returned once, at creation; only
 * its digest is stored and published. Creating or revoking writes this service's key table and the
 * event in one transaction, so a revocation holds here at once and in the other services as soon
 * as they read the event.
 */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    /** A key just created, with the only copy of the key itself. */
    public record Issued(ApiKeys.Key key, String apiKey) {
    }

    private final ApiKeys keys;
    private final ApiKeyDigest digests;
    private final Outbox outbox;
    private final CurrentActor actor;
    private final Clock clock;

    @Inject
    public ApiKeyService(ApiKeys keys, ApiKeyDigest digests, Outbox outbox, CurrentActor actor, Clock clock) {
        this.keys = keys;
        this.digests = digests;
        this.outbox = outbox;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional
    public Issued create(String name, String role) {
        ApiKeyRules.assertIssuable(role);
        if (!digests.available()) {
            throw ProblemException.of(StagingProblem.ENCRYPTION_KEY_MISSING,
                    "API keys need the data-encryption key (timeflow.encryption.key)");
        }
        UUID id = UUID.randomUUID();
        String apiKey = ApiKeyFormat.newKey(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApiKeyDigest.Digest digest = digests.digest(ApiKeyFormat.secretOf(apiKey));
        ApiKeyCreated created = new ApiKeyCreated(id.toString(), name, role, digest.hex(), actor.get().subject(), now,
                digest.keyId());
        keys.created(created);
        outbox.publish(created);
        LOG.infof("API key %s (%s, role %s) created", id, name, role);
        return new Issued(keys.find(id).orElseThrow(), apiKey);
    }

    /** Revokes a key; revoking a revoked key changes nothing. */
    @Transactional
    public ApiKeys.Key revoke(UUID id) {
        ApiKeys.Key key = get(id);
        if (key.revoked()) {
            return key;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        keys.revoked(id, now);
        outbox.publish(new ApiKeyRevoked(id.toString(), now));
        LOG.infof("API key %s (%s) revoked", id, key.name());
        return keys.find(id).orElseThrow();
    }

    public ApiKeys.Key get(UUID id) {
        return keys.find(id).orElseThrow(() -> ProblemException.notFound("API key", id));
    }

    public List<ApiKeys.Key> page(int offset, int limit) {
        return keys.list(offset, limit);
    }

    public long count() {
        return keys.count();
    }
}
