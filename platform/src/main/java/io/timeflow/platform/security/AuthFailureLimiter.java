package io.timeflow.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts refused credentials (a token or API key that was presented and not accepted) per client
 * address in fixed windows; once an address reaches the limit, it is refused until its window ends
 * (ADR 0062). A call without any credential is not a failure: it only learns that one is needed.
 */
public final class AuthFailureLimiter {

    /** Beyond this many addresses, expired windows are swept before a new one is opened. */
    static final int SWEEP_ABOVE = 10_000;

    private record Window(Instant start, int failures) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AuthFailureLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the limit and the window must be positive");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one refused credential from the address. */
    public void failed(String address) {
        Instant now = clock.instant();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        windows.compute(address, (a, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    /** Seconds until the address may try again, when it is blocked now. */
    public OptionalLong retryAfterSeconds(String address) {
        Window w = windows.get(address);
        if (w == null || w.failures() < limit) {
            return OptionalLong.empty();
        }
        Duration left = Duration.between(clock.instant(), w.start().plus(window));
        if (left.isNegative() || left.isZero()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (left.toMillis() + 999) / 1000));
    }

    /** Forgets an address (an operator unblocking it; tests). */
    public void forget(String address) {
        windows.remove(address);
    }

    public int limit() {
        return limit;
    }
}
