package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.snapshot.scheduling.SyncPolicyJob;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;

/**
 * Two replicas' schedulers on one database: the service's own Quartz scheduler and a second one,
 * configured as another replica would be (same scheduler name, JDBC store, clustered, another
 * instance id), both running the service's policy job. Every scheduled time of a policy is run once
 * and makes one SnapSync per dSource, whichever replica fires it; no backup is snapshotted twice.
 */
@QuarkusTest
class ClusteredSchedulingTest {

    static final String NAME = "timeflow-snapshot-service";

    @Inject
    MeterRegistry metrics;

    /** The second replica's connections: plain JDBC as the service's role, its schema on the search path. */
    public static class ReplicaConnections implements ConnectionProvider {
        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return StagingStory.connect();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }

    static Scheduler secondReplica() throws Exception {
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", NAME);
        p.put("org.quartz.scheduler.instanceId", "replica-b-" + UUID.randomUUID().toString().substring(0, 8));
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "2");
        p.put("org.quartz.scheduler.idleWaitTime", "1000");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "io.quarkus.quartz.runtime.jdbc.QuarkusPostgreSQLDelegate");
        p.put("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", "1000");
        p.put("org.quartz.jobStore.useProperties", "true");
        p.put("org.quartz.jobStore.misfireThreshold", "30000");
        p.put("org.quartz.jobStore.dataSource", "replica");
        p.put("org.quartz.dataSource.replica.connectionProvider.class", ReplicaConnections.class.getName());
        // Quartz keeps one scheduler per name in this JVM's repository, where the service's own is
        // bound: step it aside while the replica is made, so the replica is a second scheduler of
        // the same cluster name rather than the same object
        SchedulerRepository repository = SchedulerRepository.getInstance();
        Scheduler service = repository.lookup(NAME);
        repository.remove(NAME);
        Scheduler scheduler;
        try {
            scheduler = new StdSchedulerFactory(p).getScheduler();
        } finally {
            repository.remove(NAME);
            if (service != null) {
                repository.bind(service);
            }
        }
        assertThat(scheduler).isNotSameAs(service);
        // the replica runs the same job bean as the service: same code, another scheduler
        scheduler.setJobFactory((bundle, s) -> Arc.container().instance(SyncPolicyJob.class).get());
        return scheduler;
    }

    @Test
    void twoSchedulersOnOneDatabaseRunEachScheduledTimeOnceWithOneSnapSyncPerDSource() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        story.restore(story.full());
        double duplicatesBefore = duplicates();
        Scheduler replica = secondReplica();
        replica.start();
        String policyId = SyncPolicyApiTest.create("* * * * * ?", null);
        Api.as("admin").put("/api/v1/sync-policies/" + policyId + "/dsources/" + story.dsourceId)
                .then().statusCode(200);
        UUID policy = UUID.fromString(policyId);
        Scheduler service = Arc.container().instance(Scheduler.class).get();
        try {
            // both replicas up; new backups arrive while the policy fires every second
            awaitMoreRuns(policy, 1);
            story.restore(story.log());
            awaitMoreRuns(policy, 1);
            // the service's replica goes to standby: the other one must take the schedule over
            service.standby();
            try {
                for (int i = 0; i < 3; i++) {
                    story.restore(story.log());
                    awaitMoreRuns(policy, 1);
                }
            } finally {
                service.start();
            }
            // both up again
            story.restore(story.log());
            awaitMoreRuns(policy, 2);
        } finally {
            Api.as("admin").delete("/api/v1/sync-policies/" + policyId + "/dsources/" + story.dsourceId)
                    .then().statusCode(204);
            replica.shutdown(true);
            // shutting the replica down unbinds its name: bind the service's scheduler again
            if (SchedulerRepository.getInstance().lookup(NAME) == null) {
                SchedulerRepository.getInstance().bind(service);
            }
        }
        assertThat(Arc.container().instance(Scheduler.class).get().isShutdown()).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> StagingStory.count(
                "select count(*) from snapsync_job where policy_id = ? and state in ('PENDING', 'RUNNING')", policy) == 0);
        // the runs made while the dSource followed the policy (it fires on, with no dSource, until deleted)
        long recordedRuns = StagingStory.count("select count(*) from sync_policy_run r where policy_id = ? and "
                + "scheduled_for between (select min(scheduled_for) from snapsync_job where policy_id = r.policy_id) "
                + "and (select max(scheduled_for) from snapsync_job where policy_id = r.policy_id)", policy);
        Map<String, Integer> firedBy = firedBy(policy);
        Api.as("admin").delete("/api/v1/sync-policies/" + policyId).then().statusCode(204);

        UUID dsource = UUID.fromString(story.dsourceId);
        long scheduledTimes = StagingStory.count(
                "select count(distinct scheduled_for) from snapsync_job where policy_id = ?", policy);
        long policyJobs = StagingStory.count("select count(*) from snapsync_job where policy_id = ?", policy);
        long succeeded = StagingStory.count(
                "select count(*) from snapsync_job where policy_id = ? and state = 'SUCCEEDED'", policy);
        long policySnapshots = StagingStory.count("select count(*) from snapshot s join snapsync_job j "
                + "on j.id = s.snapsync_job_id where j.policy_id = ?", policy);
        System.out.printf("[clustered scheduling] %d scheduled times, %d jobs (%d took a snapshot), fired by %s%n",
                scheduledTimes, policyJobs, succeeded, firedBy);

        assertThat(scheduledTimes).isGreaterThanOrEqualTo(6);
        assertThat(policyJobs).as("one SnapSync per scheduled time for the one dSource").isEqualTo(scheduledTimes);
        assertThat(policyJobs).as("every scheduled run recorded once, by the replica that fired it")
                .isEqualTo(recordedRuns);
        assertThat(policySnapshots).as("one snapshot per successful scheduled run").isEqualTo(succeeded);
        assertThat(succeeded).as("each new backup was snapshotted by a scheduled run").isGreaterThanOrEqualTo(5);
        assertThat(StagingStory.count("select count(*) from (select backup_key from snapshot where dsource_id = ? "
                + "and backup_key is not null group by timeflow_id, backup_key having count(*) > 1) d", dsource))
                .as("no backup snapshotted twice").isZero();
        assertThat(firedBy.keySet()).as("both replicas fired scheduled times").hasSize(2);
        assertThat(duplicates() - duplicatesBefore).as("the clustered store never fired a scheduled time twice")
                .isZero();
    }

    private static void awaitMoreRuns(UUID policy, int more) throws Exception {
        long now = runs(policy);
        await().atMost(Duration.ofSeconds(20)).until(() -> runs(policy) >= now + more);
    }

    private double duplicates() {
        var counter = metrics.find("timeflow.snapshot.policy.runs").tag("outcome", "duplicate").counter();
        return counter == null ? 0 : counter.count();
    }

    private static long runs(UUID policy) throws Exception {
        return StagingStory.count("select count(*) from snapsync_job where policy_id = ?", policy);
    }

    private static Map<String, Integer> firedBy(UUID policy) throws Exception {
        Map<String, Integer> by = new TreeMap<>();
        try (Connection c = StagingStory.connect(); PreparedStatement ps = c.prepareStatement(
                "select fired_by, count(*) from sync_policy_run where policy_id = ? group by fired_by")) {
            ps.setObject(1, policy);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    by.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return by;
    }
}
