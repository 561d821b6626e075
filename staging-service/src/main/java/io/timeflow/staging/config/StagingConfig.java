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

    /** The staging hosts' agents ({@code timeflow.agent.*}, ADR 0100 and 0101). */
    AgentSettings agent();

    interface AgentSettings {
        /** An agent that asked for work within this long is alive (it asks every second or so). */
        @io.smallrye.config.WithDefault("30s")
        java.time.Duration aliveWithin();

        /** How long an enable waits for the agent's attach attempt before it succeeds with SKIP_ATTACH_OPERATION. */
        @io.smallrye.config.WithDefault("30s")
        java.time.Duration attachWait();

        /** The lease an agent takes on an attach task; past it, the task expires. */
        @io.smallrye.config.WithDefault("60s")
        java.time.Duration taskLease();
    }
}
