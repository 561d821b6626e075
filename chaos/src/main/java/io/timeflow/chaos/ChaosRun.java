package io.timeflow.chaos;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run: the cluster started, the setup made, the workload and the faults for the run's duration,
 * the quiet phase, the final state read and every invariant decided.
 */
public final class ChaosRun {

    static {
        // the run's own Kafka clients and PostgreSQL driver: errors only, the services keep their logs
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
    }

    /** What a run ends with. */
    public record Outcome(List<Invariant.Verdict> verdicts, Report.Counts counts, Figures figures, String report) {

        public long violations() {
            return verdicts.stream().mapToLong(v -> v.violations().size()).sum();
        }
    }

    /** Objects of the plugin made by the setup: every upgrade migrates all of them. */
    static final int OBJECTS = 2_000;
    static final int DSOURCES = 6;

    private final ChaosOptions options;

    public ChaosRun(ChaosOptions options) {
        this.options = options;
    }

    public Outcome run() throws Exception {
        say("seed %d, %d replicas of each service, %.1f minutes%s; data and logs in %s", options.seed(),
                options.replicas(), options.duration().toMillis() / 60_000.0, options.faults() ? " of faults" : ", no faults",
                options.dataDir());
        long t0 = System.nanoTime();
        try (Cluster cluster = new Cluster(options)) {
            cluster.start();
            say("suite ready in %.1f s: PostgreSQL, Kafka and %d service processes", (System.nanoTime() - t0) / 1e9,
                    cluster.all().size());
            Duration validity = options.duration().plus(Duration.ofHours(1));
            try (Clients clients = new Clients(cluster, validity)) {
                return run(cluster, clients);
            }
        }
    }

    private Outcome run(Cluster cluster, Clients clients) throws Exception {
        History history = new History();
        World world = new World();
        long seed = options.seed();
        long t = System.nanoTime();
        new Setup(history, clients, world, seed, OBJECTS, DSOURCES).work();
        say("setup made in %.1f s: plugin with %d objects, %d dSources, %d policies, backup schedule %s",
                (System.nanoTime() - t) / 1e9, OBJECTS, world.dsources.size(), world.policies.size(), world.backupCron);

        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < world.dsources.size(); i++) {
            workers.add(new Agent("agent-" + i, history, clients, world, seed, world.dsources.get(i)));
        }
        workers.add(new SnapSyncer("snapsync", history, clients, world, seed));
        workers.add(new Provisioner("provision", history, clients, world, seed));
        workers.add(new PluginOperator("plugins", history, clients, world, seed,
                Duration.ofSeconds(Math.max(10, Math.min(40, options.duration().toSeconds() / 8)))));
        workers.add(new Administrator("admin", history, clients, world, seed));
        workers.add(new Linker("linker", history, clients, world, seed));
        List<Thread> threads = new ArrayList<>();
        long workloadStart = System.nanoTime();
        for (Worker w : workers) {
            Thread th = new Thread(w, "chaos-" + w.name());
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
        Nemesis nemesis = new Nemesis(cluster, history, seed, options.duration());
        Thread nemesisThread = new Thread(nemesis, "chaos-nemesis");
        nemesisThread.setDaemon(true);
        if (options.faults()) {
            nemesisThread.start();
        }
        say("workload and faults running (%d processes; %d faults planned)", workers.size(),
                options.faults() ? nemesis.plan().size() : 0);
        Thread.sleep(options.duration().toMillis());

        world.running = false;
        Duration workload = Duration.ofNanos(System.nanoTime() - workloadStart);
        say("faults over; bringing every replica back and letting the workload finish its operations");
        nemesisThread.interrupt();
        nemesisThread.join(Duration.ofMinutes(2).toMillis());
        nemesis.stop();
        backUp(cluster);
        for (Thread th : threads) {
            th.join(Agent.GIVE_UP_AFTER.plusMinutes(1).toMillis());
        }
        for (Thread th : world.spawned) {
            th.join(Agent.GIVE_UP_AFTER.plusMinutes(1).toMillis());
        }
        Quiet quiet = new Quiet(history, clients, world, seed, cluster);
        quiet.stopSchedules();
        t = System.nanoTime();
        List<String> unsettled = quiet.settle(Duration.ofMinutes(5));
        say("%s in %.1f s", unsettled.isEmpty() ? "quiet" : "not quiet", (System.nanoTime() - t) / 1e9);

        FinalState.BackupWindow window = backupWindow(history);
        StateReader reader = new StateReader(cluster, clients, world);
        FinalState state = null;
        for (int attempt = 1; state == null; attempt++) {
            // the APIs, the topics and the tables are read one after the other: only a suite that did not
            // change meanwhile gives a consistent picture
            String before = quiet.signature();
            FinalState read = reader.read(window);
            if (before.equals(quiet.signature()) || attempt == 3) {
                state = read;
                if (attempt == 3 && !before.equals(quiet.signature())) {
                    unsettled = new ArrayList<>(unsettled);
                    unsettled.add("the suite changed while its final state was read");
                }
            } else {
                say("the suite changed while its final state was read; reading it again");
            }
        }
        List<Invariant.Verdict> verdicts = new ArrayList<>(new Checker().check(history, state));
        if (!unsettled.isEmpty()) {
            // what was still under way is either a violation the checks name, or work that never ends
            verdicts.add(new Invariant.Verdict("the suite became quiet", 1, unsettled.stream()
                    .map(u -> Invariant.Violation.of("still under way: " + u)).toList()));
        }
        Report.Counts counts = Report.Counts.of(history, nemesis.kills(), nemesis.skippedKills(), nemesis.brokerStops(),
                nemesis.postgresStops());
        Figures figures = Figures.of(state, workload);
        String report = Report.text(options, history, counts, verdicts, figures, unsettled);
        history.write(options.dataDir().resolve("history.jsonl"));
        Files.writeString(options.dataDir().resolve("report.txt"), report);
        return new Outcome(verdicts, counts, figures, report);
    }

    /** Every replica up, the broker and PostgreSQL running: the suite as it is between incidents. */
    private static void backUp(Cluster cluster) throws Exception {
        cluster.startPostgres();
        if (!cluster.brokerRunning()) {
            cluster.startBroker();
        }
        for (Cluster.Replica r : cluster.all()) {
            if (!r.alive()) {
                cluster.start(r);
            }
        }
        for (Cluster.Replica r : cluster.all()) {
            if (!r.up()) {
                cluster.awaitReady(r, Cluster.READY);
            }
        }
    }

    /** When the backup schedule was asked on and off, and when each was answered. */
    static FinalState.BackupWindow backupWindow(History history) {
        Op on = null;
        Op off = null;
        for (Op op : history.ops()) {
            if (op.f().equals("backup.schedule") && op.ok() && on == null) {
                on = op;
            }
            if (op.f().equals("backup.unschedule") && off == null) {
                off = op;
            }
        }
        if (on == null || off == null) {
            return null;
        }
        return new FinalState.BackupWindow(history.instant(on.start()), history.instant(on.end()),
                history.instant(off.start()), history.instant(off.end()), Setup.BACKUP_PERIOD);
    }

    static void say(String format, Object... args) {
        System.out.printf("[chaos] " + format + "%n", args);
    }
}
