package io.timeflow.e2e;

import java.time.Duration;

/**
 * {@code ./timeflow demo}: the end-to-end story against a suite started with {@code ./timeflow up},
 * printing each step and what each service answered; with {@code ./timeflow up --agent}, first the
 * staging-host agent's chapter ({@link AgentStory}): a pre-sync hook's output in the SnapSync's steps.
 * <p>
 * Environment: {@code TIMEFLOW_TOKEN} (an admin token, e.g. from {@code ./timeflow token}),
 * {@code TIMEFLOW_HTTP_PORT_BASE} (8080: staging on 8081 ... backup on 8084).
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        String token = System.getenv("TIMEFLOW_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("timeflow demo: set TIMEFLOW_TOKEN to an admin token (./timeflow token)");
            System.exit(2);
        }
        int base = Integer.parseInt(System.getenv().getOrDefault("TIMEFLOW_HTTP_PORT_BASE", "8080"));
        long t0 = System.nanoTime();
        int[] step = {0};
        Story.Narrator printer = new Story.Narrator() {
            @Override
            public void step(String title) {
                System.out.printf("%n%2d. %s%n", ++step[0], title);
            }

            @Override
            public void answer(String service, String what) {
                System.out.printf("      %-9s %s%n", service, what);
            }
        };
        try {
            Endpoints endpoints = Endpoints.localSuite(base, token);
            AgentStory agent = new AgentStory(endpoints, printer, AgentStory.LOCAL_AGENT);
            if (agent.agentRunning()) {
                agent.tell();
            } else {
                System.out.println("\n(no staging-host agent runs: start the suite with ./timeflow up --agent to see hooks run "
                        + "by the agent, with their output in the SnapSync's steps)");
            }
            new Story(endpoints, printer).tell();
            System.out.printf("%nThe whole story in %.0f s.%n", Duration.ofNanos(System.nanoTime() - t0).toMillis() / 1000.0);
        } catch (StoryFailure e) {
            System.err.println("\nthe story stopped: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("\nthe story stopped: " + Refusal.of(e).map(Refusal::toString).orElse(String.valueOf(e))
                    + "\n(is the suite up? ./timeflow up, and is TIMEFLOW_TOKEN an admin token of it?)");
            System.exit(1);
        }
    }
}
