package io.timeflow.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every accepted restore report is applied once: for each dSource, the chain of COMPLETED restores
 * equals the restores whose completion was accepted. A completion answered OK (or refused because
 * the restore already was COMPLETED) must be in the chain once; one whose answer was unknown may be
 * in it once or not at all; a restore never completed, or reported failed, must not be. The chain
 * follows the order the agent reported in, no backup set is in it twice, the dSource's position is
 * where the last restore left it, and snapshot-service's view ends at the same restore.
 */
public final class RestoreChainsMatchAcceptedReports implements Invariant {

    @Override
    public String name() {
        return "restore chain = accepted reports";
    }

    /** What the history says of one restore. */
    enum Fate {
        ACCEPTED, MAYBE, NEVER, FAILED
    }

    @Override
    public Verdict check(History history, FinalState state) {
        Findings f = new Findings();
        Map<String, List<Op>> byRestore = new LinkedHashMap<>();
        for (Op op : history.where(o -> o.f().startsWith("restore.") && o.key("restore") != null)) {
            byRestore.computeIfAbsent(op.key("restore"), k -> new ArrayList<>()).add(op);
        }
        for (FinalState.DSourceState ds : state.dsources()) {
            String dsId = ds.id().toString();
            List<FinalState.RestoreRow> completed = ds.restores().stream()
                    .filter(r -> "COMPLETED".equals(r.status()))
                    .sorted(Comparator.comparingLong(FinalState.RestoreRow::number)).toList();
            Map<String, FinalState.RestoreRow> byId = new HashMap<>();
            ds.restores().forEach(r -> byId.put(r.id().toString(), r));
            Set<String> inChain = new HashSet<>();
            completed.forEach(r -> inChain.add(r.id().toString()));
            f.checked(completed.size());

            // the history's restores of this dSource, in the order the agent started them
            List<String> reported = new ArrayList<>();
            Map<String, Fate> fates = new LinkedHashMap<>();
            byRestore.forEach((restoreId, ops) -> {
                if (ops.stream().noneMatch(o -> dsId.equals(o.key("dsource")))) {
                    return;
                }
                reported.add(restoreId);
                fates.put(restoreId, fate(ops));
            });
            for (Map.Entry<String, Fate> e : fates.entrySet()) {
                String r = e.getKey();
                FinalState.RestoreRow row = byId.get(r);
                switch (e.getValue()) {
                    case ACCEPTED -> {
                        if (!inChain.contains(r)) {
                            f.add("restore " + r + " of dSource " + ds.name() + " was accepted as completed but is "
                                    + (row == null ? "unknown to staging-service" : row.status()) + ": lost", dsId, r);
                        }
                    }
                    case NEVER -> {
                        if (inChain.contains(r)) {
                            f.add("restore " + r + " of dSource " + ds.name() + " is COMPLETED but its completion was "
                                    + "never accepted", dsId, r);
                        }
                    }
                    case FAILED -> {
                        if (row == null || !"FAILED".equals(row.status())) {
                            f.add("restore " + r + " of dSource " + ds.name() + " was reported failed (accepted) but is "
                                    + (row == null ? "unknown to staging-service" : row.status()), dsId, r);
                        }
                    }
                    case MAYBE -> {
                        // present once or absent: ids are unique, the backup-set check below finds a second copy
                    }
                }
            }
            for (FinalState.RestoreRow r : completed) {
                if (!fates.containsKey(r.id().toString())) {
                    f.add("restore " + r.id() + " (" + r.type() + " " + r.firstLsn() + "-" + r.lastLsn() + ") of dSource "
                            + ds.name() + " is COMPLETED but was never reported", dsId, r.id().toString());
                }
            }
            Map<String, String> sets = new HashMap<>();
            for (FinalState.RestoreRow r : completed) {
                String set = r.type() + " " + r.firstLsn() + "-" + r.lastLsn();
                String before = sets.putIfAbsent(set, r.id().toString());
                if (before != null) {
                    f.add("backup set " + set + " is in the chain of dSource " + ds.name() + " twice (restores " + before
                            + " and " + r.id() + "): applied twice", dsId, before, r.id().toString());
                }
            }
            List<String> chainOrder = completed.stream().map(r -> r.id().toString()).filter(fates::containsKey).toList();
            List<String> reportOrder = reported.stream().filter(inChain::contains).toList();
            if (!chainOrder.equals(reportOrder)) {
                int at = 0;
                while (at < Math.min(chainOrder.size(), reportOrder.size()) && chainOrder.get(at).equals(reportOrder.get(at))) {
                    at++;
                }
                String a = at < chainOrder.size() ? chainOrder.get(at) : null;
                String b = at < reportOrder.size() ? reportOrder.get(at) : null;
                f.add("the chain of dSource " + ds.name() + " is not in the order the restores were reported: at "
                        + "position " + (at + 1) + " the chain has " + a + ", the agent reported " + b, dsId, a, b);
            }
            if (!completed.isEmpty()) {
                FinalState.RestoreRow last = completed.get(completed.size() - 1);
                if (ds.positionLsn() != null && !ds.positionLsn().equals(last.lastLsn())) {
                    f.add("dSource " + ds.name() + " stands at LSN " + ds.positionLsn() + " but its last restore "
                            + last.id() + " ended at LSN " + last.lastLsn(), dsId, last.id().toString());
                }
                if (!last.id().toString().equals(ds.snapshotViewLastRestoreId())) {
                    f.add("snapshot-service's view of dSource " + ds.name() + " ends at restore "
                            + ds.snapshotViewLastRestoreId() + ", staging-service's chain at " + last.id()
                            + ": an event was lost or applied out of order", dsId, last.id().toString(),
                            ds.snapshotViewLastRestoreId());
                }
            } else if (ds.snapshotViewLastRestoreId() != null) {
                f.add("snapshot-service's view of dSource " + ds.name() + " has restore " + ds.snapshotViewLastRestoreId()
                        + " but staging-service completed none", dsId, ds.snapshotViewLastRestoreId());
            }
        }
        return f.verdict(name());
    }

    static Fate fate(List<Op> ops) {
        boolean accepted = false;
        boolean maybe = false;
        boolean failed = false;
        for (Op o : ops) {
            if (o.f().equals("restore.complete")) {
                if (o.ok() || "COMPLETED".equals(Recorder.refusedState(o))) {
                    accepted = true;
                } else if (o.unknown()) {
                    maybe = true;
                }
            } else if (o.f().equals("restore.fail")) {
                if (o.ok() || "FAILED".equals(Recorder.refusedState(o))) {
                    failed = true;
                }
            }
        }
        if (accepted) {
            return Fate.ACCEPTED;
        }
        if (failed) {
            return Fate.FAILED;
        }
        return maybe ? Fate.MAYBE : Fate.NEVER;
    }
}
