package io.timeflow.backup.schedule;

import io.quarkus.arc.Arc;
import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * The Quartz job of the backup schedule. With the clustered JDBC store exactly one replica runs each
 * fire; it hands the fire (its scheduled time and the scheduler instance) to {@link ScheduleService}.
 * The job asks for recovery: when the replica running a fire dies, the cluster runs the fire again
 * on another replica, with the fire's original scheduled time (ADR 0122).
 */
public class ScheduledBackupJob implements Job {

    @Override
    public void execute(JobExecutionContext context) {
        String instance;
        try {
            instance = context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            instance = "unknown";
        }
        Arc.container().instance(ScheduleService.class).get().fired(fireTime(context), instance, context.isRecovering());
    }

    /** The fire's scheduled time; for a fire run again after its replica died, the original fire's. */
    static Instant fireTime(JobExecutionContext context) {
        if (context.isRecovering()) {
            String original = context.getMergedJobDataMap()
                    .getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
            if (original != null) {
                return Instant.ofEpochMilli(Long.parseLong(original));
            }
        }
        return context.getScheduledFireTime().toInstant();
    }
}
