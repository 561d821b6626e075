package io.timeflow.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Each SnapSync job ended: once the suite is quiet no job is PENDING or RUNNING, every job a request
 * was answered with (202) exists, and a policy's scheduled time made at most one job per dSource.
 */
public final class EverySnapSyncJobEnds implements Invariant {

    static final Set<String> OVER = Set.of("SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED");

    @Override
    public String name() {
        return "each SnapSync job ended";
    }

    @Override
    public Verdict check(History history, FinalState state) {
        Findings f = new Findings();
        Set<String> listed = new HashSet<>();
        Map<String, String> scheduled = new HashMap<>();
        for (FinalState.JobRow j : state.jobs()) {
            f.checked(1);
            listed.add(j.id().toString());
            if (!OVER.contains(j.state())) {
                f.add("SnapSync job " + j.id() + " of dSource " + j.dsourceId() + " (" + j.trigger() + ") is still "
                        + j.state(), j.dsourceId().toString(), j.id().toString());
            }
            if (j.policyId() != null && j.scheduledFor() != null) {
                String key = j.policyId() + "@" + j.scheduledFor() + "/" + j.dsourceId();
                String other = scheduled.putIfAbsent(key, j.id().toString());
                if (other != null) {
                    f.add("policy " + j.policyId() + "'s run at " + j.scheduledFor() + " made two jobs for dSource "
                            + j.dsourceId() + ": " + other + " and " + j.id(), j.dsourceId().toString(), other,
                            j.id().toString());
                }
            }
        }
        for (Op op : history.where(o -> o.f().equals("snapsync.request") && o.ok())) {
            String job = op.key("job");
            if (job != null && !listed.contains(job)) {
                f.add("SnapSync job " + job + " was accepted (202) but snapshot-service does not list it: lost",
                        op.key("dsource"), job);
            }
        }
        return f.verdict(name());
    }
}
