package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The agent's backups follow SQL Server's chain rules, so that every report it makes can be accepted. */
class SourceDatabaseTest {

    @Test
    void theChainStartsWithAFullWithReplaceAndContinuesContiguously() {
        SourceDatabase db = new SourceDatabase(new Random(11));
        SourceDatabase.Backup first = db.next();
        assertThat(first.type()).isEqualTo("FULL");
        assertThat(first.replace()).isTrue();
        assertThat(first.checkpointLsn()).isBetween(first.firstLsn(), first.lastLsn());
        db.restored(first);

        SourceDatabase.Backup previous = first;
        long baseCheckpoint = first.checkpointLsn();
        for (int i = 0; i < 2_000; i++) {
            SourceDatabase.Backup b = db.next();
            assertThat(b.firstLsn()).isLessThanOrEqualTo(b.lastLsn());
            switch (b.type()) {
                case "FULL" -> assertThat(b.replace()).isTrue();
                case "DIFFERENTIAL" -> {
                    assertThat(b.databaseBackupLsn()).isEqualTo(baseCheckpoint);
                    assertThat(b.lastLsn()).isGreaterThanOrEqualTo(previous.lastLsn());
                }
                case "LOG" -> {
                    if (previous.type().equals("LOG")) {
                        assertThat(b.firstLsn()).isEqualTo(previous.lastLsn());
                    } else {
                        assertThat(b.firstLsn()).isLessThanOrEqualTo(previous.lastLsn());
                    }
                    assertThat(b.lastLsn()).isGreaterThan(previous.lastLsn());
                }
                default -> throw new AssertionError(b.type());
            }
            if (i % 7 != 3) {
                // now and then a restore fails and is not applied: the next backup builds on the same position
                db.restored(b);
                previous = b;
                if (b.type().equals("FULL")) {
                    baseCheckpoint = b.checkpointLsn();
                }
            }
        }
    }
}
