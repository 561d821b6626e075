package io.timeflow.plugin.sandbox;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How much of the machine's CPU the other processes use, so that the sandbox warm-up can wait while they are busy
 * (ADR 0165): the machine's busy time from {@code /proc/stat} (every CPU, in clock ticks of 10 ms) less this
 * process's own CPU time, as a share of all the CPU time that passed, between two samples at least a second apart.
 * Where {@code /proc/stat} cannot be read (not Linux), the others are never busy.
 */
final class MachineLoad {

    /** Others busier than this share of all CPUs make the warm-up wait. */
    static final double BUSY = 0.5;
    static final long SAMPLE_MILLIS = 1_000;
    /** Linux reports {@code /proc/stat} in USER_HZ ticks, 100 per second on every architecture it runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Path stat;
    private final LongSupplier ownCpuNanos;
    private long lastAt;
    private long[] last;
    private long lastOwn;
    /** The last sample's verdict; none before the first (a second after this is made), so the first call waits it. */
    private boolean busy = true;

    MachineLoad(Path stat, LongSupplier ownCpuNanos) {
        this.stat = stat;
        this.ownCpuNanos = ownCpuNanos;
        this.last = read();
        this.lastOwn = ownCpuNanos.getAsLong();
        this.lastAt = System.nanoTime();
    }

    /** This machine's, with this process's CPU time. */
    static MachineLoad ofThisMachine() {
        return new MachineLoad(Path.of("/proc/stat"), () ->
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                        ? os.getProcessCpuTime() : 0);
    }

    /** As {@link #awaitQuiet(BooleanSupplier, Runnable)}, telling no one that it waits. */
    long awaitQuiet(BooleanSupplier stop) throws InterruptedException {
        return awaitQuiet(stop, () -> { });
    }

    /**
     * Waits while the other processes use more than {@link #BUSY} of all CPUs, sampling once a second, until
     * {@code stop} says so; runs {@code waiting} when it finds them busy (not for the first sample's wait). Answers
     * the milliseconds waited.
     */
    long awaitQuiet(BooleanSupplier stop, Runnable waiting) throws InterruptedException {
        long waited = 0;
        boolean told = false;
        while (!stop.getAsBoolean()) {
            long sinceLast = (System.nanoTime() - lastAt) / 1_000_000;
            if (sinceLast >= SAMPLE_MILLIS) {
                busy = othersShare() > BUSY;
                if (busy && !told) {
                    waiting.run();
                    told = true;
                }
            }
            if (!busy) {
                return waited;
            }
            long pause = Math.max(1, SAMPLE_MILLIS - (System.nanoTime() - lastAt) / 1_000_000);
            Thread.sleep(pause);
            waited += pause;
        }
        return waited;
    }

    /** The share of all CPUs the other processes used since the last sample (0 when unknown); takes a new sample. */
    double othersShare() {
        long[] now = read();
        long own = ownCpuNanos.getAsLong();
        double share = 0;
        if (now != null && last != null) {
            long total = now[0] - last[0];
            long busyTicks = now[1] - last[1];
            double ownTicks = (double) (own - lastOwn) / NANOS_PER_TICK;
            share = total <= 0 ? 0 : Math.max(0, busyTicks - ownTicks) / total;
        }
        last = now;
        lastOwn = own;
        lastAt = System.nanoTime();
        return share;
    }

    /** The total and busy ticks of every CPU (the {@code cpu} line), or null when the file cannot be read. */
    private long[] read() {
        try {
            return parse(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The {@code cpu} line of a {@code /proc/stat} text: user, nice, system, idle, iowait, irq, softirq, steal (then
     * guest times, already counted in user and nice); busy is all but idle and iowait.
     */
    static long[] parse(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cpu line"));
        String[] f = line.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v;
            }
        }
        return new long[] {total, total - idle};
    }
}
