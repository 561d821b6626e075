package io.timeflow.snapshot.scheduling;

import io.timeflow.snapshot.domain.SyncPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
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
 * Keeps one Quartz job and cron trigger per sync policy in the clustered JDBC job store. Called in
 * the transaction that changes the policy: with the {@code jdbc-cmt} store the trigger is written
 * (or rolled back) together with the policy row. A run missed while no replica was up is not
 * caught up (misfire: do nothing); the next scheduled time runs as usual.
 */
@ApplicationScoped
public class PolicyScheduler {

    static final String GROUP = "sync-policies";
    static final String POLICY_ID = "policyId";

    private final Scheduler quartz;

    @Inject
    public PolicyScheduler(Scheduler quartz) {
        this.quartz = quartz;
    }

    public void schedule(SyncPolicy policy) {
        JobDetail job = JobBuilder.newJob(SyncPolicyJob.class)
                .withIdentity(jobKey(policy.id()))
                .withDescription("scheduled SnapSync of the dSources following policy " + policy.name())
                .usingJobData(POLICY_ID, policy.id().toString())
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(policy.id()))
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(policy.cron())
                        .inTimeZone(TimeZone.getTimeZone(policy.timeZone()))
                        .withMisfireHandlingInstructionDoNothing())
                .build();
        try {
            quartz.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule policy " + policy.id() + ": " + e.getMessage(), e);
        }
    }

    public void unschedule(UUID policyId) {
        try {
            quartz.deleteJob(jobKey(policyId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot unschedule policy " + policyId + ": " + e.getMessage(), e);
        }
    }

    public boolean isScheduled(UUID policyId) {
        try {
            return quartz.checkExists(triggerKey(policyId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the schedule of policy " + policyId, e);
        }
    }

    /** The next time Quartz will fire the policy, if it is scheduled. */
    public Optional<Instant> nextRun(UUID policyId) {
        try {
            Trigger trigger = quartz.getTrigger(triggerKey(policyId));
            return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(java.util.Date::toInstant);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the schedule of policy " + policyId, e);
        }
    }

    static JobKey jobKey(UUID policyId) {
        return JobKey.jobKey(policyId.toString(), GROUP);
    }

    static TriggerKey triggerKey(UUID policyId) {
        return TriggerKey.triggerKey(policyId.toString(), GROUP);
    }
}
