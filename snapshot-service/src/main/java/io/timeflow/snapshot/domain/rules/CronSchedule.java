package io.timeflow.snapshot.domain.rules;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A sync policy's schedule: a Quartz cron expression (seconds minutes hours day-of-month month
 * day-of-week [year], e.g. {@code 0 0 2 * * ?} for 02:00 every day) evaluated in an IANA time zone.
 */
public record CronSchedule(String expression, ZoneId zone) {

    /** Why an expression or zone was refused, naming the field. */
    public record Invalid(String field, String message) {
    }

    public static Optional<Invalid> check(String expression, String timeZone) {
        try {
            new CronExpression(expression.trim());
        } catch (ParseException | RuntimeException e) {
            return Optional.of(new Invalid("cron", "must be a Quartz cron expression of 6 or 7 fields "
                    + "(seconds minutes hours day-of-month month day-of-week [year]), e.g. 0 0 2 * * ?"));
        }
        try {
            ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            return Optional.of(new Invalid("timeZone", "must be an IANA time zone such as Europe/Paris or UTC"));
        }
        return Optional.empty();
    }

    public static CronSchedule of(String expression, String timeZone) {
        check(expression, timeZone).ifPresent(i -> {
            throw new IllegalArgumentException(i.field() + " " + i.message());
        });
        return new CronSchedule(expression.trim(), ZoneId.of(timeZone.trim()));
    }

    /** The first run strictly after {@code after}, if the expression ever fires again. */
    public Optional<Instant> nextRunAfter(Instant after) {
        try {
            CronExpression cron = new CronExpression(expression);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return Optional.ofNullable(cron.getNextValidTimeAfter(Date.from(after))).map(Date::toInstant);
        } catch (ParseException e) {
            throw new IllegalStateException("validated cron expression no longer parses", e);
        }
    }
}
