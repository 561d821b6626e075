package io.timeflow.snapshot.scheduling;

import io.timeflow.snapshot.domain.ScheduledSnapSync;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * What Quartz runs when a sync policy's cron fires, on whichever replica acquired the trigger.
 * {@link DisallowConcurrentExecution} makes the clustered store run one firing of a policy at a
 * time across every replica.
 */
@ApplicationScoped
@DisallowConcurrentExecution
public class SyncPolicyJob implements Job {

    private static final Logger LOG = Logger.getLogger(SyncPolicyJob.class);

    private final ScheduledSnapSync scheduled;

    @Inject
    public SyncPolicyJob(ScheduledSnapSync scheduled) {
        this.scheduled = scheduled;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        UUID policyId = UUID.fromString(context.getMergedJobDataMap().getString(PolicyScheduler.POLICY_ID));
        String instance;
        try {
            instance = context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            instance = "unknown";
        }
        try {
            scheduled.fire(policyId, context.getScheduledFireTime().toInstant(), instance);
        } catch (RuntimeException e) {
            LOG.errorf(e, "scheduled run of policy %s at %s failed", policyId, context.getScheduledFireTime());
            throw new JobExecutionException(e, false);
        }
    }
}
