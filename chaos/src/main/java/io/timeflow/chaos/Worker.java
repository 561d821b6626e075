package io.timeflow.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One process of the workload: a thread that makes calls through the generated clients, each
 * recorded in the history with its answer, with its own random numbers drawn from the run's seed.
 */
abstract class Worker implements Runnable {

    protected final String name;
    protected final Recorder recorder;
    protected final Clients clients;
    protected final World world;
    protected final Random random;

    Worker(String name, History history, Clients clients, World world, long seed) {
        this.name = name;
        this.recorder = new Recorder(history, name);
        this.clients = clients;
        this.world = world;
        this.random = new Random(seed ^ name.hashCode() * 0x9E3779B97F4A7C15L);
    }

    String name() {
        return name;
    }

    /** The work, until {@link World#running} turns false (the current operation is finished first). */
    abstract void work() throws InterruptedException;

    @Override
    public final void run() {
        try {
            work();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("[chaos] " + name + " stopped: " + e);
            e.printStackTrace();
        }
    }

    <T> Recorder.Answer<T> call(String f, Map<String, String> keys, String args, Callable<T> call,
            Function<T, String> describe) {
        return recorder.call(f, keys, args, call, describe);
    }

    <T> Recorder.Answer<T> call(String f, Map<String, String> keys, String args, Callable<T> call,
            Function<T, String> describe, Function<T, Map<String, String>> learned) {
        return recorder.call(f, keys, args, call, describe, learned);
    }

    <T> Recorder.Answer<T> call(String f, Map<String, String> keys, String args, Callable<T> call) {
        return recorder.call(f, keys, args, call, v -> "");
    }

    boolean running() {
        return world.running;
    }

    void pause(Duration min, Duration max) throws InterruptedException {
        long from = min.toMillis();
        long span = Math.max(1, max.toMillis() - from);
        Thread.sleep(from + (long) (random.nextDouble() * span));
    }

    /** After an unknown or refused-by-the-wire answer, before the same call again. */
    void backOff(int attempt) throws InterruptedException {
        Thread.sleep(Math.min(2_000, 100L * (1L << Math.min(attempt, 5))) + random.nextInt(100));
    }
}
