package io.timeflow.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeflow.events.snapshot.SnapshotEvents;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * No duplicate snapshot for a backup in a timeflow: among the snapshots snapshot-service lists, no
 * two hold the same restore's backup (or the empty database) in one timeflow; and replaying the
 * snapshot events of {@code timeflow.snapshot.v1} in order, no snapshot of a backup is created in a
 * timeflow while another snapshot of it lives there (retention may delete one, after which the
 * backup may be snapshotted again). Every snapshot holds a restore that staging-service completed.
 */
public final class OneSnapshotPerBackupPerTimeflow implements Invariant {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String EMPTY = "the empty database";

    @Override
    public String name() {
        return "one snapshot per backup per timeflow";
    }

    @Override
    public Verdict check(History history, FinalState state) {
        Findings f = new Findings();
        Map<String, String> live = new HashMap<>();
        for (FinalState.SnapshotRow s : state.snapshots()) {
            f.checked(1);
            String held = s.restoreId() == null ? EMPTY : s.restoreId();
            String before = live.putIfAbsent(s.dsourceId() + "/" + s.timeflowId() + "/" + held, s.id().toString());
            if (before != null) {
                f.add("snapshots " + before + " and " + s.id() + " both hold " + describe(held) + " in timeflow "
                        + s.timeflowId() + " of dSource " + s.dsourceId(), s.dsourceId().toString(), before,
                        s.id().toString(), s.restoreId());
            }
        }
        Set<String> completed = new HashSet<>();
        for (FinalState.DSourceState ds : state.dsources()) {
            ds.restores().stream().filter(r -> "COMPLETED".equals(r.status())).forEach(r -> completed.add(r.id().toString()));
        }
        for (FinalState.SnapshotRow s : state.snapshots()) {
            if (s.restoreId() != null && !completed.contains(s.restoreId())) {
                f.add("snapshot " + s.id() + " holds restore " + s.restoreId() + ", which staging-service did not complete",
                        s.dsourceId().toString(), s.id().toString(), s.restoreId());
            }
        }
        replay(state.events(), f);
        return f.verdict(name());
    }

    /** Replays created and deleted snapshots per dSource (one key, one partition: in order). */
    private static void replay(List<FinalState.EventRecord> events, Findings f) {
        String created = SnapshotEvents.SNAPSHOT_CREATED.name();
        String deleted = SnapshotEvents.SNAPSHOT_DELETED.name();
        Map<String, String> liveByBackup = new HashMap<>();
        Map<String, String> backupBySnapshot = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<FinalState.EventRecord> ordered = events.stream()
                .filter(e -> created.equals(e.type()) || deleted.equals(e.type()))
                .sorted(Comparator.comparing(FinalState.EventRecord::partition)
                        .thenComparingLong(FinalState.EventRecord::offset))
                .toList();
        for (FinalState.EventRecord e : ordered) {
            if (!seen.add(e.id())) {
                continue; // the relay sent it again: one event
            }
            JsonNode p = read(e.payload());
            String snapshot = p.path("snapshotId").asText();
            if (created.equals(e.type())) {
                String held = p.hasNonNull("restoreId") ? p.path("restoreId").asText() : EMPTY;
                String key = p.path("dsourceId").asText() + "/" + p.path("timeflowId").asText() + "/" + held;
                String other = liveByBackup.get(key);
                if (other != null && !other.equals(snapshot)) {
                    f.add("snapshot " + snapshot + " of " + describe(held) + " was created in timeflow "
                            + p.path("timeflowId").asText() + " while snapshot " + other + " of it lived there (event "
                            + e.id() + ")", p.path("dsourceId").asText(), snapshot, other, e.id());
                }
                liveByBackup.put(key, snapshot);
                backupBySnapshot.put(snapshot, key);
            } else {
                String key = backupBySnapshot.remove(snapshot);
                if (key != null && snapshot.equals(liveByBackup.get(key))) {
                    liveByBackup.remove(key);
                }
            }
        }
    }

    private static String describe(String held) {
        return EMPTY.equals(held) ? EMPTY : "the backup of restore " + held;
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload == null ? "{}" : payload);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
