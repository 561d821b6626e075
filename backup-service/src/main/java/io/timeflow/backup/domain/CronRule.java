package io.timeflow.backup.domain;

import io.timeflow.platform.problem.ProblemException;
import java.text.ParseException;
import org.quartz.CronExpression;

/**
 * A backup schedule's cron: the five fields operators know ({@code minute hour day-of-month month
 * day-of-week}, e.g. {@code 0 2 * * *} for 02:00 every night), or Quartz's six or seven fields
 * (seconds first). Five fields are turned into Quartz's form; restricting both the day of the month
 * and the day of the week, which Quartz cannot express, is refused.
 */
public final class CronRule {

    private CronRule() {
    }

    /** The Quartz expression for {@code cron}, or a 400 naming the {@code cron} field. */
    public static String toQuartz(String cron) {
        if (cron == null || cron.isBlank()) {
            throw ProblemException.invalid("cron", "is required, e.g. \"0 2 * * *\" for 02:00 every night");
        }
        String[] f = cron.trim().split("\\s+");
        String quartz;
        if (f.length == 5) {
            boolean dom = !f[2].equals("*") && !f[2].equals("?");
            boolean dow = !f[4].equals("*") && !f[4].equals("?");
            if (dom && dow) {
                throw ProblemException.invalid("cron",
                        "cannot restrict both the day of the month and the day of the week");
            }
            String dayOfMonth = dow ? "?" : f[2].equals("?") ? "*" : f[2];
            String dayOfWeek = dow ? unixDaysOfWeek(f[4]) : "?";
            quartz = "0 " + f[0] + " " + f[1] + " " + dayOfMonth + " " + f[3] + " " + dayOfWeek;
        } else if (f.length == 6 || f.length == 7) {
            quartz = String.join(" ", f);
        } else {
            throw ProblemException.invalid("cron", "must have 5 fields (minute hour day-of-month month day-of-week)");
        }
        try {
            new CronExpression(quartz);
        } catch (ParseException e) {
            throw ProblemException.invalid("cron", "is not a valid cron expression");
        }
        return quartz;
    }

    /** Unix counts Sunday as 0 (or 7), Quartz as 1: shift numeric days; names pass through. */
    static String unixDaysOfWeek(String field) {
        StringBuilder out = new StringBuilder();
        StringBuilder number = new StringBuilder();
        char before = ' ';
        for (char ch : (field + " ").toCharArray()) {
            if (Character.isDigit(ch)) {
                number.append(ch);
                continue;
            }
            if (!number.isEmpty()) {
                int value = Integer.parseInt(number.toString());
                if (before == '/' || before == '#') {
                    out.append(value); // a step or an nth occurrence, not a day
                } else {
                    if (value > 7) {
                        throw ProblemException.invalid("cron", "day of week must be 0-7 or SUN-SAT");
                    }
                    out.append(value % 7 + 1);
                }
                number.setLength(0);
            }
            before = ch;
            if (ch != ' ') {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
