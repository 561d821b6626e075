package io.timeflow.backup.domain;

import io.quarkus.runtime.ShutdownEvent;
import io.timeflow.backup.config.BackupConfig;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.jobs.JobThreads;
import io.timeflow.platform.maintenance.MaintenanceTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Runs backup and restore jobs one at a time on a worker thread of this replica, each holding its lease
 * until it ends, and renews the heartbeat of the running job (when its replica last said it works on it)
 * and of the maintenance it holds while it works.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobThreads worker = new JobThreads("backup-jobs", 1);
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("backup-heartbeat").daemon().factory());
    private final DataSource dataSource;
    private final BackupConfig config;

    @Inject
    public JobRunner(DataSource dataSource, BackupConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Runs the job in the background; it owns {@code lease} (its replica is alive), closed when the job ends. */
    public void submit(String what, JobLeases.Lease lease, Runnable job) {
        worker.submit(what, lease, job);
    }

    /** Renews the heartbeat of {@code jobId} (and the maintenance heartbeat of the schemas added later) until closed. */
    public Heartbeat heartbeat(UUID jobId) {
        Heartbeat hb = new Heartbeat(jobId);
        long every = Math.max(100, config.heartbeat().toMillis());
        hb.future = beats.scheduleWithFixedDelay(hb::beat, every, every, TimeUnit.MILLISECONDS);
        return hb;
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.close();
        beats.shutdownNow();
    }

    /** The renewal of one job's heartbeat. */
    public final class Heartbeat implements AutoCloseable {
        private final UUID jobId;
        private final List<String> maintenanceSchemas = new CopyOnWriteArrayList<>();
        private ScheduledFuture<?> future;

        private Heartbeat(UUID jobId) {
            this.jobId = jobId;
        }

        /** Also renews the maintenance row of these schemas from now on. */
        public void maintenance(List<String> schemas) {
            maintenanceSchemas.addAll(schemas);
        }

        void beat() {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "update operation_lock set heartbeat_at = now() where job_id = ?")) {
                    ps.setObject(1, jobId);
                    ps.executeUpdate();
                }
                for (String schema : maintenanceSchemas) {
                    MaintenanceTable.beat(c, schema, jobId.toString());
                }
            } catch (SQLException e) {
                LOG.warnf("renewing the heartbeat of job %s failed: %s", jobId, e.getMessage());
            }
        }

        @Override
        public void close() {
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
