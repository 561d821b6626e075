package io.timeflow.staging.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.timeflow.staging.config.StagingConfig;
import io.timeflow.staging.persistence.EngineIdentityStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The engine id in every mount base ({@code <engine id>-Staging-<container id>}): {@code timeflow.engine-id}
 * when configured, otherwise a random UUID generated on first start and kept in the database, so
 * every replica and every restart uses the same one.
 */
@ApplicationScoped
public class EngineIdentity {

    private static final Logger LOG = Logger.getLogger(EngineIdentity.class);

    private final EngineIdentityStore store;
    private final Optional<String> configured;
    private volatile UUID engineId;

    @Inject
    public EngineIdentity(EngineIdentityStore store, StagingConfig config) {
        this.store = store;
        this.configured = config.engineId().filter(s -> !s.isBlank());
    }

    void onStart(@Observes StartupEvent event) {
        engineId();
    }

    public UUID engineId() {
        UUID id = engineId;
        if (id == null) {
            synchronized (this) {
                if (engineId == null) {
                    engineId = QuarkusTransaction.requiringNew().call(this::resolve);
                    LOG.infof("engine id %s", engineId);
                }
                id = engineId;
            }
        }
        return id;
    }

    private UUID resolve() {
        Optional<UUID> stored = store.stored();
        if (configured.isPresent()) {
            UUID wanted = parse(configured.get());
            if (stored.isEmpty()) {
                store.storeIfAbsent(wanted);
            } else if (!stored.get().equals(wanted)) {
                LOG.warnf("timeflow.engine-id %s differs from the engine id %s stored on first start; new mount bases "
                        + "use the configured one, existing ones keep theirs", wanted, stored.get());
            }
            return wanted;
        }
        return stored.orElseGet(() -> store.storeIfAbsent(UUID.randomUUID()));
    }

    static UUID parse(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("timeflow.engine-id must be a UUID such as ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab");
        }
    }
}
