package io.timeflow.snapshot.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes this replica's SnapSync worker when a job was committed, so a job does not wait for the poll interval. */
@ApplicationScoped
public class SnapSyncSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;

    public void wake() {
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until woken or the timeout passes. */
    public void await(long millis) throws InterruptedException {
        lock.lock();
        try {
            if (!pending) {
                woken.await(millis, TimeUnit.MILLISECONDS);
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }
}
