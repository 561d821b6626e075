package io.timeflow.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The clock every service reads the time from (UTC). Domain code takes it by constructor injection
 * rather than calling {@code Instant.now()}, so there is one place to replace it.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
