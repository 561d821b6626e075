package io.timeflow.snapshot.domain.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Snapshots are shown in the staging host's time zone (staging push has no source host to take one
 * from). A zone this JVM does not know falls back to UTC rather than hiding the time.
 */
public final class StagingTime {

    private StagingTime() {
    }

    public static OffsetDateTime local(Instant at, String timeZone) {
        return at.atZone(zoneOf(timeZone)).toOffsetDateTime();
    }

    public static ZoneId zoneOf(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
