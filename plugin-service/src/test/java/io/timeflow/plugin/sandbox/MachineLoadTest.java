package io.timeflow.plugin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The machine load the sandbox warm-up waits on (ADR 0165), read from this machine's {@code /proc/stat} while real
 * processes keep its CPUs busy. Plain JUnit: no service runs.
 */
class MachineLoadTest {

    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    @Test
    void theCpuLineOfProcStatGivesTheTotalAndBusyTicks() {
        // the first lines of /proc/stat on the build machine (Linux 6.1, 2 CPUs): user nice system idle iowait irq
        // softirq steal guest guest_nice
        String stat = """
                cpu  1925228 173706 276537 2115015 12187 0 27177 2566 0 0
                cpu0 954620 87302 127064 1080388 2983 0 12495 1244 0 0
                cpu1 970607 86403 149472 1034627 9203 0 14682 1322 0 0
                intr 123 0 9
                """;
        long[] ticks = MachineLoad.parse(stat);
        assertThat(ticks[0]).isEqualTo(1925228 + 173706 + 276537 + 2115015 + 12187 + 0 + 27177 + 2566);
        assertThat(ticks[1]).isEqualTo(1925228 + 173706 + 276537 + 27177 + 2566);
    }

    @Test
    void otherProcessesKeepingEveryCpuBusyMakeItWaitUntilTheyStop() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/stat"))).as("Linux").isTrue();
        MachineLoad load = MachineLoad.ofThisMachine();
        List<Process> burners = new ArrayList<>();
        try {
            for (int i = 0; i < CPUS; i++) {
                burners.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
            long start = System.nanoTime();
            java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
            long waited = load.awaitQuiet(() -> System.nanoTime() - start > TimeUnit.SECONDS.toNanos(4),
                    told::incrementAndGet);
            assertThat(waited).as("waited while %d shells spun", CPUS).isGreaterThanOrEqualTo(3_000);
            assertThat(told).as("the wait is told once").hasValue(1);
        } finally {
            burners.forEach(Process::destroyForcibly);
            for (Process p : burners) {
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        // once they are gone it goes on, within a sample or two
        CompletableFuture<Long> quiet = CompletableFuture.supplyAsync(() -> {
            try {
                return load.awaitQuiet(() -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(quiet.get(10, TimeUnit.SECONDS)).isLessThan(5_000);
    }

    @Test
    void thisProcessesOwnCpuDoesNotMakeItWait() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/stat"))).as("Linux").isTrue();
        MachineLoad load = MachineLoad.ofThisMachine();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        List<Thread> spinning = new ArrayList<>();
        for (int i = 0; i < CPUS; i++) {
            spinning.add(Thread.ofPlatform().start(() -> {
                long x = 0;
                while (System.nanoTime() < until) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }));
        }
        try {
            Thread.sleep(1_500);
            // the warm-up's own work (and its JIT's) keeps the CPUs busy: that is not a reason to wait
            assertThat(load.awaitQuiet(() -> System.nanoTime() > until)).isLessThan(1_000);
        } finally {
            for (Thread t : spinning) {
                t.join();
            }
        }
    }
}
