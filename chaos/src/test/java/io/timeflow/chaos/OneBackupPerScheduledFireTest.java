package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checker of "exactly one backup per scheduled fire". */
class OneBackupPerScheduledFireTest {

    /**
     * The schedule asked on at 10:00:02, on from 10:00:03, asked off at 10:01:01, off from 10:01:02: fires at :15,
     * :30, :45 and 10:01:00 (certain: :15 to :45).
     */
    private FinalState.BackupWindow window = window("10:00:02", "10:00:03", "10:01:01", "10:01:02");

    private final Histories h = new Histories();
    private final List<FinalState.BackupRow> backups = new ArrayList<>();

    private Invariant.Verdict check() {
        FinalState state = new FinalState(List.of(), List.of(), List.of(), List.of(), backups, window, List.of(),
                List.of(), List.of(), List.of());
        return new OneBackupPerScheduledFire().check(h.history(), state);
    }

    private static FinalState.BackupWindow window(String askedOn, String on, String askedOff, String off) {
        return new FinalState.BackupWindow(Instant.parse("2026-12-05T" + askedOn + "Z"),
                Instant.parse("2026-12-05T" + on + "Z"), Instant.parse("2026-12-05T" + askedOff + "Z"),
                Instant.parse("2026-12-05T" + off + "Z"), Duration.ofSeconds(15));
    }

    private UUID backup(String at, String state) {
        UUID id = UUID.randomUUID();
        backups.add(new FinalState.BackupRow(id, "SCHEDULED", state, Instant.parse(at), null));
        return id;
    }

    @Test
    void oneBackupForEachFireHolds() {
        backup("2026-12-05T10:00:15Z", "SUCCEEDED");
        backup("2026-12-05T10:00:30Z", "SKIPPED");
        backup("2026-12-05T10:00:45Z", "FAILED");

        Invariant.Verdict v = check();

        assertThat(v.violations()).isEmpty();
        assertThat(v.checked()).isEqualTo(3);
    }

    @Test
    void aFireWithNoBackupIsAViolation() {
        backup("2026-12-05T10:00:15Z", "SUCCEEDED");
        backup("2026-12-05T10:00:45Z", "SUCCEEDED");

        assertThat(check().violations()).singleElement().satisfies(v -> {
            assertThat(v.what()).contains("2026-12-05T10:00:30Z").contains("made no backup");
            assertThat(v.keys()).contains("2026-12-05T10:00:30Z");
        });
    }

    @Test
    void aFireWithTwoBackupsIsAViolation() {
        backup("2026-12-05T10:00:15Z", "SUCCEEDED");
        backup("2026-12-05T10:00:30Z", "SUCCEEDED");
        backup("2026-12-05T10:00:30Z", "FAILED");
        backup("2026-12-05T10:00:45Z", "SUCCEEDED");

        assertThat(check().violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains("made 2 backups"));
    }

    @Test
    void aFireTooCloseToSwitchingTheScheduleOffMayBeMissing() {
        backup("2026-12-05T10:00:15Z", "SUCCEEDED");
        backup("2026-12-05T10:00:30Z", "SUCCEEDED");
        backup("2026-12-05T10:00:45Z", "SUCCEEDED");
        // 10:01:00 is within the margin of 10:01:01: absent is fine, and so would one backup be

        assertThat(check().violations()).isEmpty();
    }

    @Test
    void aScheduledBackupForATimeThatWasNoFireIsAViolation() {
        backup("2026-12-05T10:00:15Z", "SUCCEEDED");
        backup("2026-12-05T10:00:30Z", "SUCCEEDED");
        backup("2026-12-05T10:00:45Z", "SUCCEEDED");
        backup("2026-12-05T10:00:50Z", "SUCCEEDED");

        assertThat(check().violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains("no fire time"));
    }

    @Test
    void aFireBetweenAskingForTheScheduleAndItsAnswerMayHaveABackup() {
        // a ChaosIT run: the schedule stored at 10:00:14.8, answered at 10:00:15.3, the fire of 10:00:15 made
        window = window("10:00:14.700", "10:00:15.300", "10:01:01", "10:01:02");
        backup("2026-12-05T10:00:15Z", "SUCCEEDED");
        backup("2026-12-05T10:00:30Z", "SUCCEEDED");
        backup("2026-12-05T10:00:45Z", "SUCCEEDED");

        assertThat(check().violations()).isEmpty();
    }

    @Test
    void aBackupForAFireBeforeTheScheduleWasAskedForIsAViolation() {
        window = window("10:00:15.100", "10:00:15.300", "10:01:01", "10:01:02");
        backup("2026-12-05T10:00:15Z", "SUCCEEDED");
        backup("2026-12-05T10:00:30Z", "SUCCEEDED");
        backup("2026-12-05T10:00:45Z", "SUCCEEDED");

        assertThat(check().violations()).singleElement()
                .satisfies(v -> assertThat(v.what()).contains("10:00:15Z").contains("no fire time"));
    }

    @Test
    void aBackupStillRunningOrAnAcceptedBackupMissingAreViolations() {
        backup("2026-12-05T10:00:15Z", "SUCCEEDED");
        backup("2026-12-05T10:00:30Z", "RUNNING");
        backup("2026-12-05T10:00:45Z", "SUCCEEDED");
        String lost = UUID.randomUUID().toString();
        h.ok("admin", "backup.request", World.keys("backup", lost));

        assertThat(check().violations()).extracting(Invariant.Violation::what)
                .anySatisfy(w -> assertThat(w).contains("still RUNNING"))
                .anySatisfy(w -> assertThat(w).contains(lost).contains("lost"));
    }
}
