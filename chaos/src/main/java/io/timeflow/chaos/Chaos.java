package io.timeflow.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./timeflow chaos [--minutes N] [--seed S] [--replicas R]}: a randomized fault run against
 * replicas of the packaged services, checked in the style of Jepsen. Exits 0 when every invariant
 * holds, 1 on a violation (the smallest history slice that shows it is printed), 2 on bad options
 * or when the run itself could not be made.
 */
public final class Chaos {

    private Chaos() {
    }

    public static void main(String[] args) {
        List<String> list = new ArrayList<>(Arrays.asList(args));
        if (list.contains("--help") || list.contains("-h")) {
            System.out.println(ChaosOptions.usage());
            return;
        }
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(list, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            ChaosRun.Outcome outcome = new ChaosRun(options).run();
            System.out.print(outcome.report());
            System.out.println("[chaos] history and report: " + options.dataDir().resolve("history.jsonl") + ", "
                    + options.dataDir().resolve("report.txt"));
            System.exit(outcome.violations() == 0 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("[chaos] the run could not be made: " + e);
            e.printStackTrace();
            System.exit(2);
        }
    }
}
