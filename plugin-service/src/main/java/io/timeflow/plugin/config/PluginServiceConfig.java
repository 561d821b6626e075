package io.timeflow.plugin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** plugin-service's own settings, under {@code timeflow.plugin.*}. */
@ConfigMapping(prefix = "timeflow.plugin")
public interface PluginServiceConfig {

    Sandbox sandbox();

    Upgrade upgrade();

    Bundle bundle();

    interface Sandbox {
        /** Wall-clock limit of one data migration call; a call that runs longer is stopped and fails the upgrade. */
        @WithDefault("5s")
        Duration callTimeout();

        /** Wall-clock limit of loading a plugin (importing its modules, which runs their top-level code). */
        @WithDefault("60s")
        Duration loadTimeout();

        /** Statements (source lines entered) one migration call may execute before it is stopped. */
        @WithDefault("1000000")
        long statementLimit();

        /** Bytes of printed and logged output kept with an upgrade's report; the rest is cut. */
        @WithDefault("65536")
        int outputLimit();

        /**
         * Characters of what plugins log through PlatformHandler that one upgrade writes to the
         * service's log; further records are counted in one line at the end (they are still in the
         * upgrade's output, within its own limit).
         */
        @WithDefault("1048576")
        int logLimit();

        /** Start the Python engine when the service starts, so the first plugin loads quickly. */
        @WithDefault("true")
        boolean warmUp();

        /**
         * Generated objects the service runs through its own warm-up plugin after it starts (in the
         * background; readiness does not wait), so that the JVM has compiled the interpreter before
         * the first upgrade. 0 only starts the engine. See ADR 0036.
         */
        @WithDefault("20000")
        int warmUpObjects();

        /**
         * The warm-up waits while the machine's other processes use more than half of its CPUs, so that it does
         * not slow the rest of the suite in the minutes after a start (ADR 0165). false: it runs at once, as during
         * the build's training of the AOT caches.
         */
        @WithDefault("true")
        boolean warmUpYields();
    }

    interface Upgrade {
        /** Objects handed to the sandbox per call (as one JSON document each way). */
        @WithDefault("1000")
        int batchSize();

        /** Upgrades (of different plugins) that may run at the same time. */
        @WithDefault("2")
        int workers();

        /**
         * Sandboxes (contexts of the new version) one upgrade runs its batches on side by side. More
         * than one helps on a machine with several cores; each costs a context load and its memory.
         */
        @WithDefault("2")
        int sandboxes();
    }

    interface Bundle {
        /** Largest uncompressed size of a plugin bundle. */
        @WithDefault("16777216")
        long maxUncompressedBytes();

        /** Most entries a plugin bundle may have. */
        @WithDefault("2000")
        int maxEntries();
    }
}
