package io.timeflow.backup;

import io.timeflow.backup.domain.RestoreProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds a restore at a step it reaches, so a test can look at (or kill) it halfway. */
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

    void on(@Observes RestoreProgress progress) throws InterruptedException {
        if (progress.step().equals(holdAt)) {
            holdAt = null;
            reached.countDown();
            released.await(120, TimeUnit.SECONDS);
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
