package io.timeflow.platform.jobs;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One background thread that runs a step over and over: again at once while the step finds work, otherwise after
 * a {@link WakeSignal} or the poll interval. A failing step is reported and tried again after a back-off; the
 * thread ends only when stopped. Used by the outbox relay and the job workers, so they start, back off and stop the
 * same way.
 */
public final class WorkerLoop {

    /** One pass of the work: true when the loop should go on at once (it found work and more may be waiting). */
    @FunctionalInterface
    public interface Step {
        boolean run() throws Exception;
    }

    /** A task run at intervals, which finds its own work. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    /** Told of a failed pass and how long the loop waits before the next one. */
    @FunctionalInterface
    public interface OnFailure {
        void failed(Exception e, Duration retryIn);
    }

    /** The wait after a failed pass: {@code first}, doubled after each further failure up to {@code max}. */
    public record Backoff(Duration first, Duration max) {

        public static Backoff fixed(Duration every) {
            return new Backoff(every, every);
        }

        Duration after(Duration previous) {
            if (previous.isZero()) {
                return first;
            }
            Duration doubled = previous.multipliedBy(2);
            return doubled.compareTo(max) < 0 ? doubled : max;
        }
    }

    private final String name;
    private final WakeSignal signal;
    private final Supplier<Duration> pollInterval;
    private final Backoff backoff;
    private final Step step;
    private final OnFailure onFailure;
    private final Duration firstWait;
    private volatile boolean running;
    private volatile Thread thread;

    public WorkerLoop(String name, WakeSignal signal, Supplier<Duration> pollInterval, Backoff backoff, Step step,
            OnFailure onFailure) {
        this(name, signal, pollInterval, backoff, step, onFailure, Duration.ZERO);
    }

    private WorkerLoop(String name, WakeSignal signal, Supplier<Duration> pollInterval, Backoff backoff, Step step,
            OnFailure onFailure, Duration firstWait) {
        this.firstWait = firstWait;
        this.name = name;
        this.signal = signal;
        this.pollInterval = pollInterval;
        this.backoff = backoff;
        this.step = step;
        this.onFailure = onFailure;
    }

    /**
     * A loop that runs {@code task} every {@code interval}, the first time {@code firstAfter} after the start; a
     * failed run is given to {@code onFailure} and the task runs again an interval later (a sweep, a periodic pass).
     */
    public static WorkerLoop every(String name, Duration firstAfter, Duration interval, Task task,
            OnFailure onFailure) {
        return new WorkerLoop(name, new WakeSignal(), () -> interval, Backoff.fixed(interval), () -> {
            task.run();
            return false;
        }, onFailure, firstAfter);
    }

    /** Starts the thread (once; a second call while it runs does nothing). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    /**
     * Stops the loop and waits up to {@code wait} for its thread. With {@code interrupt} a pass in flight is
     * interrupted (for work that only waits on others); without, it is let finish (for work that must not be cut).
     */
    public synchronized void stop(boolean interrupt, Duration wait) {
        running = false;
        signal.wake();
        Thread t = thread;
        if (t == null) {
            return;
        }
        if (interrupt) {
            t.interrupt();
        }
        try {
            t.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    /** False only when the loop was started and its thread has died. */
    public boolean alive() {
        Thread t = thread;
        return !running || (t != null && t.isAlive());
    }

    private void loop() {
        if (!firstWait.isZero()) {
            try {
                signal.await(firstWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Duration wait = Duration.ZERO;
        while (running) {
            try {
                boolean worked = step.run();
                wait = Duration.ZERO;
                if (!worked) {
                    signal.await(pollInterval.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                wait = backoff.after(wait);
                onFailure.failed(e, wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
