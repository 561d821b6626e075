package io.timeflow.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults of a run, all drawn from the seed: every few seconds a random replica is killed with
 * SIGKILL and started again a moment later; a few times the broker is stopped and started again;
 * once PostgreSQL is. Each fault is an entry of the history.
 *
 * <p>With several replicas a kill leaves each service one replica that serves (the others take over
 * its work: that is what replicas are for), and at most two replicas are being started again at
 * once (a planned kill is skipped otherwise). With one replica every kill is an outage of its
 * service.
 */
final class Nemesis implements Runnable {

    /** One planned fault: at {@code at} after the run started. */
    record Planned(Duration at, String what, Duration lasting) {
    }

    private final Cluster cluster;
    private final History history;
    private final Random random;
    private final List<Planned> plan;
    private final ExecutorService restarts = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chaos-restart");
        t.setDaemon(true);
        return t;
    });
    /** Replicas being started again at most at once. */
    static final int MAX_RESTARTING = 2;

    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger brokerStops = new AtomicInteger();
    private final AtomicInteger postgresStops = new AtomicInteger();
    private volatile boolean running = true;

    Nemesis(Cluster cluster, History history, long seed, Duration duration) {
        this.cluster = cluster;
        this.history = history;
        this.random = new Random(seed * 31 + 7);
        this.plan = plan(new Random(seed), duration);
    }

    /** The faults of a run of {@code duration}: kills every 3 to 8 s, a broker stop every 3 minutes or so, one PostgreSQL stop. */
    static List<Planned> plan(Random random, Duration duration) {
        List<Planned> plan = new ArrayList<>();
        long total = duration.toMillis();
        for (long t = 3_000 + random.nextInt(5_000); t < total - 5_000; t += 3_000 + random.nextInt(5_000)) {
            plan.add(new Planned(Duration.ofMillis(t), "kill", Duration.ofMillis(500 + random.nextInt(4_500))));
        }
        // the faults run one after the other: in a short run PostgreSQL's stop comes in the first quarter and
        // the broker's in the second half of its slot, so that both happen before the run ends
        int brokerStops = (int) Math.max(1, Math.round(total / 180_000.0));
        for (int i = 0; i < brokerStops; i++) {
            long slot = total / brokerStops;
            long at = i * slot + (long) (slot * (0.5 + 0.25 * random.nextDouble()));
            plan.add(new Planned(Duration.ofMillis(at), "broker.stop", Duration.ofMillis(5_000 + random.nextInt(10_000))));
        }
        long pgAt = (long) (total * (0.1 + 0.15 * random.nextDouble()));
        plan.add(new Planned(Duration.ofMillis(pgAt), "postgres.stop", Duration.ofMillis(5_000 + random.nextInt(7_000))));
        plan.sort(Comparator.comparing(Planned::at));
        return plan;
    }

    List<Planned> plan() {
        return plan;
    }

    int kills() {
        return kills.get();
    }

    /** Planned kills not made: two replicas were being started again, or no replica could go without its service. */
    int skippedKills() {
        return skipped.get();
    }

    int brokerStops() {
        return brokerStops.get();
    }

    int postgresStops() {
        return postgresStops.get();
    }

    @Override
    public void run() {
        long t0 = System.nanoTime();
        try {
            for (Planned p : plan) {
                long wait = p.at().toMillis() - (System.nanoTime() - t0) / 1_000_000;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                if (!running) {
                    return;
                }
                switch (p.what()) {
                    case "kill" -> killOne(p.lasting());
                    case "broker.stop" -> stopBroker(p.lasting());
                    case "postgres.stop" -> stopPostgres(p.lasting());
                    default -> throw new IllegalStateException(p.what());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("[chaos] nemesis stopped: " + e);
        }
    }

    /** No more faults; waits for the replicas being restarted to be up again. */
    void stop() throws Exception {
        running = false;
        restarts.shutdown();
        if (!restarts.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("replicas were not up again within 10 minutes");
        }
    }

    private void killOne(Duration down) throws InterruptedException {
        List<Cluster.Replica> all = cluster.all();
        long restarting = all.stream().filter(r -> r.restarting.get()).count();
        if (restarting >= MAX_RESTARTING) {
            // two cores start two JVMs at a time at best: a third kill would only pile restarts up
            skipped.incrementAndGet();
            return;
        }
        List<Cluster.Replica> candidates = new ArrayList<>();
        for (Cluster.Replica r : all) {
            if (r.up() && (cluster.replicas(r.service()).size() == 1 || othersUp(r))) {
                candidates.add(r);
            }
        }
        if (candidates.isEmpty()) {
            skipped.incrementAndGet();
            return;
        }
        Cluster.Replica victim = candidates.get(random.nextInt(candidates.size()));
        long start = history.now();
        victim.restarting.set(true);
        cluster.kill(victim);
        kills.incrementAndGet();
        history.fault("kill", Map.of("replica", victim.name()), "SIGKILL", start);
        restarts.submit(() -> restart(victim, down));
    }

    /** With several replicas, one of the service's others still serves: the service stays available. */
    private boolean othersUp(Cluster.Replica r) {
        return cluster.replicas(r.service()).stream().anyMatch(o -> o != r && o.up());
    }

    private void restart(Cluster.Replica r, Duration after) {
        try {
            Thread.sleep(after.toMillis());
            long start = history.now();
            for (int attempt = 1; ; attempt++) {
                cluster.start(r);
                try {
                    cluster.awaitReady(r, Cluster.READY);
                    history.fault("restart", Map.of("replica", r.name()), "ready" + (attempt > 1 ? " after " + attempt
                            + " starts" : ""), start);
                    return;
                } catch (Exception e) {
                    // it exited while starting (e.g. PostgreSQL was down): start it again
                    Process p = r.process;
                    if (p != null) {
                        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                    Thread.sleep(2_000);
                }
            }
        } catch (Exception e) {
            System.err.println("[chaos] restarting " + r.name() + " failed: " + e);
        } finally {
            r.restarting.set(false);
        }
    }

    private void stopBroker(Duration down) throws Exception {
        long start = history.now();
        cluster.stopBroker();
        brokerStops.incrementAndGet();
        history.fault("broker.stop", Map.of("broker", "kafka"), "stopped", start);
        Thread.sleep(down.toMillis());
        start = history.now();
        cluster.startBroker();
        history.fault("broker.start", Map.of("broker", "kafka"), "started", start);
    }

    private void stopPostgres(Duration down) throws Exception {
        long start = history.now();
        cluster.stopPostgres();
        postgresStops.incrementAndGet();
        history.fault("postgres.stop", Map.of("database", "postgresql"), "stopped", start);
        Thread.sleep(down.toMillis());
        start = history.now();
        cluster.startPostgres();
        history.fault("postgres.start", Map.of("database", "postgresql"), "started", start);
    }
}
