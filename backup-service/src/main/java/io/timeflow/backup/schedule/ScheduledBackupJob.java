package io.timeflow.backup.schedule;

import io.quarkus.arc.Arc;
import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;

/**
 * The Quartz job of the backup schedule. With the clustered JDBC store exactly one replica runs each
 * fire; it hands the fire (its scheduled time and the scheduler instance) to {@link ScheduleService}.
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
        Instant fireTime = context.getScheduledFireTime().toInstant();
        Arc.container().instance(ScheduleService.class).get().fired(fireTime, instance);
    }
}
