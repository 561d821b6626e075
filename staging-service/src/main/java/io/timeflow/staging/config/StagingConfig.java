package io.timeflow.staging.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** staging-service's own settings under {@code timeflow.*}. */
@ConfigMapping(prefix = "timeflow")
public interface StagingConfig {

    /**
     * The {@code <engine id>} of mount bases, a UUID ({@code TIMEFLOW_ENGINE_ID}). Unset: a random one is
     * generated on first start and kept in the database.
     */
    Optional<String> engineId();
}
