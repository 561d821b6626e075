package io.timeflow.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a test stop a background worker's passes and let them go again, from a test subclass of the worker that
 * runs each pass through {@link #pass}: while held, a pass does nothing; {@link #hold()} returns once a pass in
 * flight has ended. Production code has no such switch; a test that needs a job to stay queued, or to drive a
 * worker by hand, replaces the worker's bean with its subclass.
 */
public final class PassGate {

    private final ReentrantLock inPass = new ReentrantLock();
    private volatile boolean held;

    /** Runs {@code work} unless held (then answers {@code idle}), never while {@link #hold()} waits. */
    public <T> T pass(T idle, Callable<T> work) throws Exception {
        inPass.lock();
        try {
            return held ? idle : work.call();
        } finally {
            inPass.unlock();
        }
    }

    /** No pass runs from now on; returns once a pass in flight has ended. */
    public void hold() {
        held = true;
        inPass.lock();
        inPass.unlock();
    }

    /** Passes run again (from the worker's next wake-up or poll). */
    public void release() {
        held = false;
    }
}
