package io.timeflow.backup.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quartz.spi.OperableTrigger;

/**
 * The schedule's Quartz trigger (unit test: Quartz computes the fire times, no scheduler or database runs): a
 * schedule fires only at times after it was set. A ChaosIT run met a backup "of 03:49:00" for a schedule set at
 * 03:49:00.470, because Quartz counts a cron time up to a second before a trigger's start as its first fire.
 */
class ScheduleTriggerTest {

    private static Instant firstFire(String cron, String setAt) {
        OperableTrigger t = (OperableTrigger) ScheduleService.trigger(cron, "UTC", Instant.parse(setAt));
        return t.computeFirstFireTime(null).toInstant();
    }

    @Test
    void aScheduleSetJustAfterACronTimeFirstFiresAtTheNextOne() {
        assertThat(firstFire("0/15 * * * * ?", "2026-12-06T03:49:00.470Z")).isEqualTo("2026-12-06T03:49:15Z");
    }

    @Test
    void aScheduleSetJustBeforeACronTimeFiresAtIt() {
        assertThat(firstFire("0/15 * * * * ?", "2026-12-06T03:49:14.999Z")).isEqualTo("2026-12-06T03:49:15Z");
    }

    @Test
    void aScheduleSetExactlyAtACronTimeFirstFiresAtTheNextOne() {
        assertThat(firstFire("0/15 * * * * ?", "2026-12-06T03:49:15Z")).isEqualTo("2026-12-06T03:49:30Z");
        assertThat(firstFire("0 0 2 * * ?", "2026-12-06T02:00:00.300Z")).isEqualTo("2026-12-07T02:00:00Z");
    }
}
