package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.events.snapshot.SnapshotEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checker of "no duplicate snapshot for a backup in a timeflow". */
class OneSnapshotPerBackupPerTimeflowTest {

    private final UUID ds = UUID.randomUUID();
    private final UUID timeflow = UUID.randomUUID();
    private final UUID restore = UUID.randomUUID();
    private final List<FinalState.SnapshotRow> snapshots = new ArrayList<>();
    private final List<FinalState.EventRecord> events = new ArrayList<>();

    private Invariant.Verdict check() {
        FinalState.DSourceState view = new FinalState.DSourceState(ds, "ds", "1100", List.of(
                new FinalState.RestoreRow(restore, 1, "COMPLETED", "FULL", "1000", "1100")), restore.toString());
        FinalState state = new FinalState(List.of(view), snapshots, List.of(), List.of(), List.of(), null, events,
                List.of(), List.of(), List.of());
        return new OneSnapshotPerBackupPerTimeflow().check(new History(), state);
    }

    private void created(UUID snapshot, UUID heldRestore) {
        String held = heldRestore == null ? "null" : "\"" + heldRestore + "\"";
        events.add(new FinalState.EventRecord("timeflow.snapshot.v1", 0, events.size(), UUID.randomUUID().toString(),
                SnapshotEvents.SNAPSHOT_CREATED.name(), ds.toString(), null, "{\"dsourceId\":\"" + ds
                        + "\",\"snapshotId\":\"" + snapshot + "\",\"timeflowId\":\"" + timeflow + "\",\"restoreId\":"
                        + held + "}"));
    }

    private void deleted(UUID snapshot) {
        events.add(new FinalState.EventRecord("timeflow.snapshot.v1", 0, events.size(), UUID.randomUUID().toString(),
                SnapshotEvents.SNAPSHOT_DELETED.name(), ds.toString(), null, "{\"dsourceId\":\"" + ds
                        + "\",\"snapshotId\":\"" + snapshot + "\",\"timeflowId\":\"" + timeflow + "\"}"));
    }

    @Test
    void oneSnapshotOfEachBackupHolds() {
        UUID empty = UUID.randomUUID();
        UUID s1 = UUID.randomUUID();
        snapshots.add(new FinalState.SnapshotRow(empty, ds, timeflow, null));
        snapshots.add(new FinalState.SnapshotRow(s1, ds, timeflow, restore.toString()));
        created(empty, null);
        created(s1, restore);

        assertThat(check().violations()).isEmpty();
    }

    @Test
    void twoLiveSnapshotsOfOneBackupInOneTimeflowAreAViolation() {
        UUID s1 = UUID.randomUUID();
        UUID s2 = UUID.randomUUID();
        snapshots.add(new FinalState.SnapshotRow(s1, ds, timeflow, restore.toString()));
        snapshots.add(new FinalState.SnapshotRow(s2, ds, timeflow, restore.toString()));

        assertThat(check().violations()).singleElement().satisfies(v -> {
            assertThat(v.what()).contains(s1.toString()).contains(s2.toString());
            assertThat(v.keys()).contains(s1.toString(), s2.toString(), ds.toString());
        });
    }

    @Test
    void aSecondSnapshotCreatedWhileTheFirstLivedIsAViolationEvenIfOneWasDeletedSince() {
        UUID s1 = UUID.randomUUID();
        UUID s2 = UUID.randomUUID();
        created(s1, restore);
        created(s2, restore);
        deleted(s1);
        snapshots.add(new FinalState.SnapshotRow(s2, ds, timeflow, restore.toString()));

        assertThat(check().violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains("while snapshot " + s1));
    }

    @Test
    void aBackupSnapshottedAgainAfterRetentionDeletedItsSnapshotHolds() {
        UUID s1 = UUID.randomUUID();
        UUID s2 = UUID.randomUUID();
        created(s1, restore);
        deleted(s1);
        created(s2, restore);
        snapshots.add(new FinalState.SnapshotRow(s2, ds, timeflow, restore.toString()));

        assertThat(check().violations()).isEmpty();
    }

    @Test
    void anEventTheRelaySentTwiceCountsOnce() {
        UUID s1 = UUID.randomUUID();
        created(s1, restore);
        FinalState.EventRecord first = events.get(0);
        events.add(new FinalState.EventRecord(first.topic(), 0, 1, first.id(), first.type(), first.key(), null,
                first.payload()));
        snapshots.add(new FinalState.SnapshotRow(s1, ds, timeflow, restore.toString()));

        assertThat(check().violations()).isEmpty();
    }

    @Test
    void aSnapshotOfABackupThatWasNeverRestoredIsAViolation() {
        UUID s1 = UUID.randomUUID();
        String stranger = UUID.randomUUID().toString();
        snapshots.add(new FinalState.SnapshotRow(s1, ds, timeflow, stranger));

        assertThat(check().violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains("did not complete"));
    }
}
