package io.timeflow.backup.schedule;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.backup.config.BackupConfig;
import io.timeflow.backup.domain.Backup;
import io.timeflow.backup.domain.BackupService;
import io.timeflow.backup.domain.CronRule;
import io.timeflow.backup.domain.Schedule;
import io.timeflow.backup.domain.SuiteRestored;
import io.timeflow.backup.persistence.ScheduleRepository;
import io.timeflow.platform.db.DatabaseUnreachable;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.jboss.logging.Logger;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The backup schedule: a cron in a time zone and a retention (keep the newest N scheduled backups,
 * 10 unless set). It lives in the database and in Quartz's clustered job store, so with several
 * replicas each fire runs once; a fire while a backup or restore runs is skipped with a warning. A
 * fire whose replica dies before it made its backup is run again by the cluster on another replica;
 * the backup row, unique per fire time, makes a fire run twice make one backup (ADR 0122). A fire that
 * meets PostgreSQL down is tried again until it is back, for up to two minutes (ADR 0122).
 */
@ApplicationScoped
public class ScheduleService {

    private static final Logger LOG = Logger.getLogger(ScheduleService.class);
    static final JobKey JOB = JobKey.jobKey("backup-schedule", "timeflow-backup");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("backup-schedule", "timeflow-backup");

    /** The schedule as set, or the default (off, keep 10) when never set. */
    public record Current(boolean enabled, String cron, String timeZone, int keep, Instant updatedAt, String updatedBy,
            Instant nextRunAt) {
    }

    private final ScheduleRepository schedules;
    private final BackupService backups;
    private final Scheduler quartz;
    private final CurrentActor actors;
    private final BackupConfig config;
    private final Clock clock;

    /** How long a fire waits for PostgreSQL to be back before it is given up (logged by Quartz). */
    static final Duration FIRE_PATIENCE = Duration.ofMinutes(2);

    @Inject
    public ScheduleService(ScheduleRepository schedules, BackupService backups, Scheduler quartz, CurrentActor actors,
            BackupConfig config, Clock clock) {
        this.clock = clock;
        this.schedules = schedules;
        this.backups = backups;
        this.quartz = quartz;
        this.actors = actors;
        this.config = config;
    }

    public Current get() {
        Optional<Schedule> s = QuarkusTransaction.requiringNew().call(schedules::find);
        return s.map(x -> new Current(x.enabled(), x.cron(), x.timeZone(), x.keep(), x.updatedAt(), x.updatedBy(),
                nextRun())).orElseGet(() -> new Current(false, null, "UTC", config.defaultKeep(), null, null, null));
    }

    /** Sets the schedule (400 naming a bad cron, zone or retention) and (re)schedules it in the cluster. */
    public Current set(boolean enabled, String cron, String timeZone, Integer keep) {
        String quartzCron = CronRule.toQuartz(cron);
        String zone = zone(timeZone);
        int retained = keep == null ? config.defaultKeep() : keep;
        if (retained < 1) {
            throw ProblemException.invalid("keep", "must keep at least 1 backup");
        }
        String by = actors.get().subject();
        QuarkusTransaction.requiringNew().run(() -> {
            Optional<Schedule> existing = schedules.lock();
            if (existing.isPresent()) {
                existing.get().set(enabled, cron.trim(), zone, retained, by, clock.instant());
            } else {
                schedules.add(new Schedule(enabled, cron.trim(), zone, retained, by, clock.instant()));
            }
            reschedule(enabled, quartzCron, zone);
        });
        LOG.infof("backup schedule %s by %s: cron '%s' (%s), keep %d", enabled ? "set" : "switched off", by, cron.trim(),
                zone, retained);
        return get();
    }

    private void reschedule(boolean enabled, String quartzCron, String zone) {
        try {
            if (!enabled) {
                quartz.unscheduleJob(TRIGGER);
                quartz.deleteJob(JOB);
                return;
            }
            // requestRecovery: a fire whose replica dies mid-way runs again on another replica (ADR 0122)
            JobDetail job = JobBuilder.newJob(ScheduledBackupJob.class).withIdentity(JOB).storeDurably()
                    .requestRecovery(true).build();
            Trigger trigger = trigger(quartzCron, zone, clock.instant());
            quartz.addJob(job, true);
            if (quartz.checkExists(TRIGGER)) {
                quartz.rescheduleJob(TRIGGER, trigger);
            } else {
                quartz.scheduleJob(trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler refused the backup schedule: " + e.getMessage(), e);
        }
    }

    /**
     * After a restore: the schedule row may now be the archive's (ADR 0091); the cluster's Quartz job
     * follows it (set, changed or switched off) on the replica that ran the restore.
     */
    void restored(@Observes SuiteRestored event) {
        try {
            Optional<Schedule> s = QuarkusTransaction.requiringNew().call(schedules::find);
            if (s.isPresent()) {
                QuarkusTransaction.requiringNew().run(() -> reschedule(s.get().enabled(), CronRule.toQuartz(s.get().cron()),
                        s.get().timeZone()));
                LOG.infof("backup schedule after restore %s: %s, cron '%s' (%s), keep %d", event.restoreId(),
                        s.get().enabled() ? "on" : "off", s.get().cron(), s.get().timeZone(), s.get().keep());
            } else {
                QuarkusTransaction.requiringNew().run(() -> reschedule(false, null, null));
            }
        } catch (RuntimeException e) {
            LOG.warnf("the backup schedule could not follow restore %s: %s (set it again with PUT /api/v1/backup-schedule)",
                    event.restoreId(), e.getMessage());
        }
    }

    /**
     * The cluster's trigger of the schedule, set at {@code now}: its first fire is a time after {@code now}. (Quartz
     * counts a cron time up to one second before a trigger's start as its first fire: a schedule set at 10:00:00.4
     * would make a backup "of 10:00:00", before it existed. Starting the trigger at the next whole second rules
     * that out.)
     */
    static Trigger trigger(String quartzCron, String zone, Instant now) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB).startAt(Date.from(start))
                .withSchedule(CronScheduleBuilder.cronSchedule(quartzCron).inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionDoNothing())
                .build();
    }

    private Instant nextRun() {
        try {
            Trigger t = quartz.getTrigger(TRIGGER);
            return t == null || t.getNextFireTime() == null ? null : t.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            return null;
        }
    }

    /**
     * A fire of the schedule, on whichever replica the cluster chose. While PostgreSQL is out of reach
     * (stopped, restarting) the fire is tried again for up to {@link #FIRE_PATIENCE}: a fire whose row
     * could not be written would otherwise make no backup at all, not even a SKIPPED one. Trying again
     * is safe: the row is unique per fire time, and a fire that already made one is not run again.
     */
    public Backup fired(Instant fireTime, String instance) {
        return fired(fireTime, instance, false);
    }

    /** As {@link #fired(Instant, String)}; {@code recovering} when the cluster runs again the fire of a replica that stopped. */
    public Backup fired(Instant fireTime, String instance, boolean recovering) {
        return DatabaseUnreachable.retry("scheduled backup of " + fireTime, FIRE_PATIENCE, clock,
                d -> Thread.sleep(d.toMillis()), () -> {
                    int keep = QuarkusTransaction.requiringNew().call(() -> schedules.find().map(Schedule::keep)
                            .orElse(config.defaultKeep()));
                    LOG.infof("scheduled backup of %s starts on %s", fireTime, instance);
                    return backups.scheduled(fireTime, instance, keep, recovering);
                });
    }

    static String zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return "UTC";
        }
        try {
            return ZoneId.of(timeZone.trim()).getId();
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "must be an IANA time zone such as Europe/Paris or UTC");
        }
    }
}
