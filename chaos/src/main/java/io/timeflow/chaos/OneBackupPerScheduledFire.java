package io.timeflow.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Exactly one backup per scheduled fire: every fire time of the schedule while it was certainly on has one
 * backup (SUCCEEDED, FAILED or SKIPPED, never two), no scheduled backup has a time that was no fire while the
 * schedule could have been on (from asking it on to the answer that switched it off), every backup has ended
 * once the suite is quiet, and every backup asked for (202) exists.
 */
public final class OneBackupPerScheduledFire implements Invariant {

    /** Fires this close to switching the schedule on or off may or may not have happened. */
    static final Duration MARGIN = Duration.ofSeconds(2);

    @Override
    public String name() {
        return "one backup per scheduled fire";
    }

    @Override
    public Verdict check(History history, FinalState state) {
        Findings f = new Findings();
        Map<Instant, List<FinalState.BackupRow>> byFire = new TreeMap<>();
        for (FinalState.BackupRow b : state.backups()) {
            if (!"PENDING".equals(b.state()) && !"RUNNING".equals(b.state())) {
                continue;
            }
            f.add("backup " + b.id() + " (" + b.trigger() + ") is still " + b.state() + " once the suite is quiet",
                    b.id().toString());
        }
        for (FinalState.BackupRow b : state.backups()) {
            if ("SCHEDULED".equals(b.trigger()) && b.scheduledFireTime() != null) {
                byFire.computeIfAbsent(b.scheduledFireTime(), t -> new ArrayList<>()).add(b);
            }
        }
        FinalState.BackupWindow w = state.backupWindow();
        if (w != null) {
            Set<Instant> fires = new HashSet<>();
            long period = w.period().toMillis();
            long first = Math.floorDiv(w.askedOn().toEpochMilli(), period) * period + period;
            for (long t = first; t <= w.off().toEpochMilli(); t += period) {
                Instant fire = Instant.ofEpochMilli(t);
                fires.add(fire);
                boolean certain = fire.isAfter(w.on().plus(MARGIN)) && fire.isBefore(w.askedOff().minus(MARGIN));
                List<FinalState.BackupRow> made = byFire.getOrDefault(fire, List.of());
                if (certain) {
                    f.checked(1);
                }
                if (made.size() > 1) {
                    List<String> keys = new ArrayList<>(made.stream().map(b -> b.id().toString()).toList());
                    keys.add(fire.toString());
                    f.add("the fire of " + fire + " made " + made.size() + " backups: "
                            + made.stream().map(b -> b.id() + " " + b.state()).toList(), keys);
                } else if (made.isEmpty() && certain) {
                    f.add("the fire of " + fire + " made no backup (not even a SKIPPED one)", fire.toString());
                }
            }
            for (Map.Entry<Instant, List<FinalState.BackupRow>> e : byFire.entrySet()) {
                if (!fires.contains(e.getKey())) {
                    f.add("backup " + e.getValue().get(0).id() + " was made for " + e.getKey()
                            + ", which is no fire time of the schedule while it could have been on", e.getValue().get(0).id().toString(),
                            e.getKey().toString());
                }
            }
        }
        Set<String> listed = new HashSet<>();
        state.backups().forEach(b -> listed.add(b.id().toString()));
        for (Op op : history.where(o -> o.f().equals("backup.request") && o.ok())) {
            String id = op.key("backup");
            if (id != null && !listed.contains(id)) {
                f.add("backup " + id + " was accepted (202) but backup-service does not list it: lost", id);
            }
        }
        return f.verdict(name());
    }
}
