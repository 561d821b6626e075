package io.timeflow.e2e;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waiting for what the suite does asynchronously (a job finishing, an event reaching another
 * service). The limit only stops a wait that would never end: it is never what a check is about.
 */
public final class Poll {

    /** A call to one of the services, which may fail. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    private Poll() {
    }

    /** Calls {@code probe} until its answer satisfies {@code done}; failing calls count as "not yet". */
    public static <T> T until(String what, Duration limit, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        Exception lastError = null;
        long pause = 50;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                StoryFailure failure = new StoryFailure("gave up waiting for " + what + " after " + limit.toSeconds()
                        + " s; last answer: " + (lastError != null ? Refusal.of(lastError).map(Refusal::toString)
                        .orElse(String.valueOf(lastError)) : last));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 500);
        }
    }
}
