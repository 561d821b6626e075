package io.timeflow.backup;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds a restore at a step it reaches ({@code HeldRestoreService} tells it), so a test can look at (or kill) it halfway. */
@ApplicationScoped
public class RestoreGate {

    private volatile String holdAt;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    public void holdAt(String step) {
        reached = new CountDownLatch(1);
        released = new CountDownLatch(1);
        holdAt = step;
    }

    /** Told by the tests' restore service of each step a restore reaches, on the restore's thread. */
    public void reached(String step) {
        if (step.equals(holdAt)) {
            holdAt = null;
            reached.countDown();
            try {
                released.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void awaitReached() throws InterruptedException {
        if (!reached.await(120, TimeUnit.SECONDS)) {
            throw new AssertionError("the restore never reached the step it was to be held at");
        }
    }

    public void release() {
        holdAt = null;
        released.countDown();
    }
}
