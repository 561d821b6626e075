package io.timeflow.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Lets a committed transaction wake the relay at once instead of waiting for its next poll. */
@ApplicationScoped
public class OutboxSignal {

    private final Semaphore pending = new Semaphore(0);

    void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits until woken or until the timeout passes. */
    void await(Duration timeout) throws InterruptedException {
        if (pending.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            pending.drainPermits();
        }
    }
}
