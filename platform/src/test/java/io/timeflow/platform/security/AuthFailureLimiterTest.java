package io.timeflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rate limit of authentication failures per client address (ADR 0062), on a clock the test moves. */
class AuthFailureLimiterTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    final AuthFailureLimiter limiter = new AuthFailureLimiter(3, Duration.ofMinutes(1), clock);

    @Test
    void anAddressIsBlockedOnceItReachesTheLimitUntilItsWindowEnds() {
        limiter.failed("10.0.0.1");
        limiter.failed("10.0.0.1");
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isEmpty();
        limiter.failed("10.0.0.1");
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).hasValue(60);
        clock.now = clock.now.plusSeconds(45);
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).hasValue(15);
        clock.now = clock.now.plusSeconds(15);
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isEmpty();
    }

    @Test
    void otherAddressesAreNotAffected() {
        for (int i = 0; i < 3; i++) {
            limiter.failed("10.0.0.1");
        }
        assertThat(limiter.retryAfterSeconds("10.0.0.2")).isEmpty();
    }

    @Test
    void failuresInAnEndedWindowDoNotCount() {
        limiter.failed("10.0.0.1");
        limiter.failed("10.0.0.1");
        clock.now = clock.now.plusSeconds(61);
        limiter.failed("10.0.0.1");
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isEmpty();
    }

    @Test
    void aForgottenAddressMayTryAgain() {
        for (int i = 0; i < 3; i++) {
            limiter.failed("10.0.0.1");
        }
        limiter.forget("10.0.0.1");
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isEmpty();
    }
}
