package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timeflow.backup.domain.Backup;
import io.timeflow.backup.domain.BackupService;
import io.timeflow.backup.domain.OperationLock;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.testing.Infra;
import io.timeflow.testing.MetricsScrape;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;

/**
 * The backup schedule: its validation, retention keeping exactly N, a fire skipped with a warning
 * while another operation runs, one run per fire with two schedulers on one database, and a fire that
 * outlives a dead replica or a cut database session.
 */
@QuarkusTest
class ScheduleTest {

    @Inject
    JobLeases leases;

    @Inject
    BackupService backups;

    @Inject
    Scheduler quarkusScheduler;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeAll
    static void suite() throws Exception {
        SuiteFixture.migrateServiceSchemas();
    }

    static String admin() {
        return TestTokens.forRoles("backup-admin");
    }

    static void put(String body, int status) {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body).put("/api/v1/backup-schedule")
                .then().statusCode(status);
    }

    @Test
    void aScheduleIsValidatedAndReadBack() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"enabled\": true, \"cron\": \"0 2 * * 1 7\"}")
                .put("/api/v1/backup-schedule").then().statusCode(400).body("errors[0].field", equalTo("cron"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"enabled\": true, \"cron\": \"0 2 * * *\", \"timeZone\": \"Mars/Olympus\"}")
                .put("/api/v1/backup-schedule").then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"enabled\": true, \"cron\": \"0 2 * * *\", \"keep\": 0}")
                .put("/api/v1/backup-schedule").then().statusCode(400).body("errors[0].field", equalTo("keep"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"cron\": \"0 2 * * *\"}")
                .put("/api/v1/backup-schedule").then().statusCode(400).body("errors[0].field", equalTo("enabled"));
        given().auth().oauth2(TestTokens.forRoles("viewer")).contentType(ContentType.JSON)
                .body("{\"enabled\": true, \"cron\": \"0 2 * * *\"}").put("/api/v1/backup-schedule").then().statusCode(403);

        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"enabled\": true, \"cron\": \"0 2 * * *\", \"timeZone\": \"Europe/Paris\"}")
                .put("/api/v1/backup-schedule").then().statusCode(200)
                .body("enabled", equalTo(true)).body("keep", equalTo(10)).body("timeZone", equalTo("Europe/Paris"))
                .body("nextRunAt", notNullValue());
        given().auth().oauth2(TestTokens.forRoles("viewer")).get("/api/v1/backup-schedule").then().statusCode(200)
                .body("cron", equalTo("0 2 * * *")).body("updatedBy", equalTo("backup-admin-user"));
        put("{\"enabled\": false, \"cron\": \"0 2 * * *\"}", 200);
    }

    @Test
    void retentionKeepsExactlyTheNewestNScheduledBackups() throws Exception {
        List<Backup> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Backup b = backups.scheduled(Instant.now(), "retention-test", 3);
            assertThat(b.state()).isEqualTo(JobState.SUCCEEDED);
            taken.add(b);
        }
        List<String> kept = given().auth().oauth2(admin()).queryParam("trigger", "SCHEDULED").queryParam("state", "SUCCEEDED")
                .get("/api/v1/backups").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(kept).containsExactlyInAnyOrder(taken.get(2).id().toString(), taken.get(3).id().toString(),
                taken.get(4).id().toString());
        for (Backup gone : taken.subList(0, 2)) {
            assertThat(Path.of("target/test-backups", gone.id() + ".tfbk")).doesNotExist();
            TopicProbe.await("timeflow.backup.v1", r -> gone.id().toString().equals(r.key())
                    && r.type().endsWith("backup.deleted.v1") && r.value().contains("RETENTION"), Duration.ofSeconds(20));
        }
    }

    @Test
    void aFireRunAgainAfterAReplicaTakeOverMakesNoSecondBackup() throws Exception {
        // Quartz runs a fire again when it takes over from a replica it believes failed
        Instant fire = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Backup first = backups.scheduled(fire, "replica-a", 10);
        Backup again = backups.scheduled(fire, "replica-b", 10);
        assertThat(again.id()).isEqualTo(first.id());
        try (Connection c = SuiteFixture.superuser()) {
            assertThat(SuiteFixture.count(c, "select count(*) from backup.backup where trigger = 'SCHEDULED' "
                    + "and scheduled_fire_time = ?", java.sql.Timestamp.from(fire))).isEqualTo(1);
        }
    }

    @Test
    void aFireWhileAnotherOperationRunsIsSkippedWithAWarning() throws Exception {
        UUID running = UUID.randomUUID();
        // a restore that a live replica runs: it holds the restore's lease (else recovery would end it)
        try (JobLeases.Lease lease = leases.take(OperationLock.LEASES, running)) {
            skippedWhileHeld(running);
        }
    }

    private void skippedWhileHeld(UUID running) throws Exception {
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("insert into backup.operation_lock (kind, job_id, holder, acquired_at, heartbeat_at) values "
                    + "('RESTORE', '" + running + "', 'another replica', now(), now())");
        }
        try {
            MetricsScrape before = MetricsScrape.of(metrics);
            Backup skipped = backups.scheduled(Instant.now(), "skip-test", 10);
            assertThat(skipped.state()).isEqualTo(JobState.SKIPPED);
            // the operator's metrics (ADR 155): the fire is a backup accepted and ended as skipped, at once
            MetricsScrape after = MetricsScrape.of(metrics);
            assertThat(after.since(before, "timeflow_jobs_accepted_total", "kind", "backup"))
                    .isEqualTo(1);
            assertThat(after.since(before, "timeflow_jobs_ended_total", "kind", "backup", "state", "skipped"))
                    .isEqualTo(1);
            given().auth().oauth2(admin()).get("/api/v1/backups/" + skipped.id()).then().statusCode(200)
                    .body("state", equalTo("SKIPPED"))
                    .body("warnings[0].code", equalTo("OPERATION_IN_PROGRESS"))
                    .body("sizeBytes", equalTo(null));
        } finally {
            try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
                s.execute("delete from backup.operation_lock where job_id = '" + running + "'");
            }
        }
    }

    /** Quartz's connections for the second scheduler: backup-service's role, as another replica would use. */
    public static class ReplicaConnections implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", "timeflow_backup");
            p.setProperty("password", Infra.ROLE_PASSWORD);
            return DriverManager.getConnection(Infra.postgres().jdbcUrl(), p);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }

    /**
     * The connections of a replica that dies: once {@link #dead}, it reaches the database no more (its
     * process is gone), so it neither checks in with the cluster nor ends the fire it was running.
     */
    public static class DyingReplicaConnections extends ReplicaConnections {
        static volatile boolean dead;

        @Override
        public Connection getConnection() throws SQLException {
            if (dead) {
                throw new SQLException("this replica is dead");
            }
            return super.getConnection();
        }
    }

    /** A second replica's scheduler on the same job store, as if it ran in another process. */
    private Scheduler replica(String instanceId, Class<? extends ConnectionProvider> connections) throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", quarkusScheduler.getSchedulerName());
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", instanceId + "_Worker");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        p.setProperty("org.quartz.jobStore.dataSource", "replica");
        p.setProperty("org.quartz.dataSource.replica.connectionProvider.class", connections.getName());
        SchedulerRepository repository = SchedulerRepository.getInstance();
        repository.remove(quarkusScheduler.getSchedulerName());
        Scheduler other = new StdSchedulerFactory(p).getScheduler();
        repository.remove(quarkusScheduler.getSchedulerName());
        return other;
    }

    @Test
    void aFireWhoseReplicaDiesBeforeItMadeItsBackupIsRunAgainByAnotherReplica() throws Exception {
        MetricsScrape before = MetricsScrape.of(metrics);
        DyingReplicaConnections.dead = false;
        Scheduler dying = replica("dying-replica", DyingReplicaConnections.class);
        dying.start();
        // only the dying replica takes fires; it gets stuck in its fire behind a lock on the backup table
        quarkusScheduler.standby();
        Connection gate = SuiteFixture.superuser();
        long fire;
        try {
            long gatePid = fireBlockedBehind(gate);
            try (Connection c = SuiteFixture.superuser()) {
                assertThat(SuiteFixture.count(c, "select count(*) from backup.qrtz_fired_triggers "
                        + "where instance_name = 'dying-replica' and job_name = 'backup-schedule'")).isEqualTo(1);
                fire = SuiteFixture.count(c, "select sched_time from backup.qrtz_fired_triggers "
                        + "where instance_name = 'dying-replica' and job_name = 'backup-schedule'");
            }
            // the replica dies mid-fire: its process is gone, and with it its threads and database sessions
            // (its worker threads are interrupted: a thread that goes on would wait for the database and
            // make the fire's backup itself, as a live replica whose session was cut does)
            DyingReplicaConnections.dead = true;
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("dying-replica_Worker"))
                    .forEach(Thread::interrupt);
            cutSessionsBlockedBy(gatePid);
            gate.rollback();
        } finally {
            gate.close();
            quarkusScheduler.start();
        }
        java.sql.Timestamp fireTime = new java.sql.Timestamp(fire);
        try {
            // the cluster finds the dead replica (no check-in) and runs its fire again here, for the same time
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                try (Connection c = SuiteFixture.superuser()) {
                    return SuiteFixture.count(c, "select count(*) from backup.backup where trigger = 'SCHEDULED' "
                            + "and scheduled_fire_time = ?", fireTime) > 0;
                }
            });
        } finally {
            put("{\"enabled\": false, \"cron\": \"0 2 * * *\"}", 200);
            dying.shutdown(false);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection c = SuiteFixture.superuser()) {
                return SuiteFixture.count(c, "select count(*) from backup.backup where state in ('PENDING', 'RUNNING')") == 0;
            }
        });
        try (Connection c = SuiteFixture.superuser()) {
            assertThat(SuiteFixture.count(c, "select count(*) from backup.backup where trigger = 'SCHEDULED' "
                    + "and scheduled_fire_time = ?", fireTime)).as("one backup for the fire").isEqualTo(1);
            assertThat(SuiteFixture.count(c, "select count(*) from backup.backup where trigger = 'SCHEDULED' "
                    + "and scheduled_fire_time = ? and scheduler_instance = 'dying-replica'", fireTime)).isZero();
        }
        // the operator's metrics (ADR 155): the fire taken over from the replica that died counts as recovered
        assertThat(MetricsScrape.of(metrics).since(before, "timeflow_jobs_recovered_total", "kind", "backup"))
                .isEqualTo(1);
    }

    @Test
    void aFireWhoseDatabaseSessionIsCutWaitsForTheDatabaseAndMakesItsBackup() throws Exception {
        Connection gate = SuiteFixture.superuser();
        java.sql.Timestamp fireTime;
        try {
            long gatePid = fireBlockedBehind(gate);
            try (Connection c = SuiteFixture.superuser()) {
                fireTime = new java.sql.Timestamp(SuiteFixture.count(c, "select sched_time from backup.qrtz_fired_triggers "
                        + "where job_name = 'backup-schedule'"));
            }
            // the fire's session is cut as a PostgreSQL restart cuts it (57P01); the replica itself lives on
            cutSessionsBlockedBy(gatePid);
            gate.rollback();
        } finally {
            gate.close();
        }
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                try (Connection c = SuiteFixture.superuser()) {
                    return SuiteFixture.count(c, "select count(*) from backup.backup where trigger = 'SCHEDULED' "
                            + "and scheduled_fire_time = ? and state not in ('PENDING', 'RUNNING')", fireTime) > 0;
                }
            });
        } finally {
            put("{\"enabled\": false, \"cron\": \"0 2 * * *\"}", 200);
        }
        try (Connection c = SuiteFixture.superuser()) {
            assertThat(SuiteFixture.count(c, "select count(*) from backup.backup where trigger = 'SCHEDULED' "
                    + "and scheduled_fire_time = ?", fireTime)).as("one backup for the fire").isEqualTo(1);
            assertThat(SuiteFixture.count(c, "select count(*) from backup.backup where trigger = 'SCHEDULED' "
                    + "and scheduled_fire_time = ? and scheduler_instance = ?", fireTime,
                    quarkusScheduler.getSchedulerInstanceId())).as("made by the replica whose session was cut").isEqualTo(1);
        }
    }

    /**
     * Locks the backup table on {@code gate} (a session of its own), switches a 30-second schedule on and
     * waits until a fire is blocked behind the lock; answers the gate's backend pid. The fire is known by its
     * first statement, the lookup of a backup by its fire time: other sessions (the recovery timer's) may wait
     * behind the lock too, and are neither waited for nor cut.
     */
    private static long fireBlockedBehind(Connection gate) throws SQLException {
        gate.setAutoCommit(false);
        try (Statement s = gate.createStatement()) {
            s.execute("lock table backup.backup in access exclusive mode");
        }
        long gatePid = SuiteFixture.count(gate, "select pg_backend_pid()");
        put("{\"enabled\": true, \"cron\": \"0/30 * * * * ?\"}", 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> firesBlockedBy(gatePid) > 0);
        return gatePid;
    }

    /** A fire's lookup of the backup of its fire time, as PostgreSQL shows the statement. */
    private static final String FIRE_LOOKUP = "query ~ 'scheduled_fire_time\\s*=\\s*\\$'";

    /** Ends the fires' sessions waiting behind {@code gatePid} as a PostgreSQL restart ends them (57P01). */
    private static void cutSessionsBlockedBy(long gatePid) throws SQLException {
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where " + gatePid
                    + " = any(pg_blocking_pids(pid)) and " + FIRE_LOOKUP);
        }
    }

    private static long firesBlockedBy(long pid) throws SQLException {
        try (Connection c = SuiteFixture.superuser()) {
            return SuiteFixture.count(c, "select count(*) from pg_stat_activity where " + pid
                    + " = any(pg_blocking_pids(pid)) and " + FIRE_LOOKUP);
        }
    }

    @Test
    void twoSchedulersOnOneDatabaseRunEachFireOnce() throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", quarkusScheduler.getSchedulerName());
        p.setProperty("org.quartz.scheduler.instanceId", "second-replica");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        p.setProperty("org.quartz.jobStore.dataSource", "replica");
        p.setProperty("org.quartz.dataSource.replica.connectionProvider.class", ReplicaConnections.class.getName());
        // the JVM-wide repository of schedulers hands out an existing scheduler of the same name: take this
        // replica's out of it while the second one is made, as if the second ran in another process
        SchedulerRepository repository = SchedulerRepository.getInstance();
        repository.remove(quarkusScheduler.getSchedulerName());
        Scheduler second = new StdSchedulerFactory(p).getScheduler();
        repository.remove(quarkusScheduler.getSchedulerName());
        assertThat(second.getSchedulerInstanceId()).isEqualTo("second-replica");
        second.start();
        Instant from = Instant.now();
        try {
            put("{\"enabled\": true, \"cron\": \"*/2 * * * * ?\"}", 200);
            await().atMost(Duration.ofSeconds(90)).until(() -> fires(from) >= 4);
            try (Connection c = SuiteFixture.superuser()) {
                assertThat(SuiteFixture.count(c, "select count(*) from backup.qrtz_scheduler_state"))
                        .as("two schedulers share the job store").isGreaterThanOrEqualTo(2);
            }
            // this replica pauses: the other one takes the fires over, still one run each
            quarkusScheduler.standby();
            long before = fires(from);
            await().atMost(Duration.ofSeconds(90)).until(() -> fires(from) >= before + 4);
        } finally {
            quarkusScheduler.start();
            put("{\"enabled\": false, \"cron\": \"0 2 * * *\"}", 200);
            second.shutdown(true);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection c = SuiteFixture.superuser()) {
                return SuiteFixture.count(c, "select count(*) from backup.backup where state in ('PENDING', 'RUNNING')") == 0;
            }
        });
        try (Connection c = SuiteFixture.superuser()) {
            long fires = fires(from);
            long distinct = SuiteFixture.count(c, "select count(distinct scheduled_fire_time) from backup.backup "
                    + "where trigger = 'SCHEDULED' and scheduled_fire_time >= ?", java.sql.Timestamp.from(from));
            assertThat(fires).isGreaterThanOrEqualTo(8);
            assertThat(distinct).as("each fire ran once").isEqualTo(fires);
            assertThat(SuiteFixture.count(c, "select count(*) from backup.backup where trigger = 'SCHEDULED' "
                    + "and scheduled_fire_time >= ? and scheduler_instance = 'second-replica'", java.sql.Timestamp.from(from)))
                    .as("fires run by the second replica").isGreaterThan(0);
        }
    }

    static long fires(Instant from) throws SQLException {
        try (Connection c = SuiteFixture.superuser()) {
            return SuiteFixture.count(c, "select count(*) from backup.backup where trigger = 'SCHEDULED' "
                    + "and scheduled_fire_time >= ?", java.sql.Timestamp.from(from));
        }
    }
}
