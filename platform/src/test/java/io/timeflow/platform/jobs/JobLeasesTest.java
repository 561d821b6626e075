package io.timeflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one rule of job recovery (ADR 0158) against a real PostgreSQL: a job's lease is held by its replica's
 * database session; another replica can take it only once that session ended, at once, with no clock. Two
 * {@link JobLeases} are two replicas.
 */
class JobLeasesTest {

    private static final JobLeases.Space SPACE = new JobLeases.Space("test-job", 0x54465454);
    private static final JobLeases.Space OTHER_SPACE = new JobLeases.Space("other-job", 0x5446544F);

    private static LeaseDatabase db;
    private JobLeases replicaA;
    private JobLeases replicaB;

    @BeforeAll
    static void start() throws IOException {
        db = LeaseDatabase.start("job-leases");
    }

    @AfterAll
    static void stop() throws IOException {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void twoReplicas() {
        replicaA = db.replica();
        replicaB = db.replica();
    }

    @AfterEach
    void closeSessions() {
        replicaA.closeIdleSessions();
        replicaB.closeIdleSessions();
    }

    @Test
    void aJobWhoseReplicaHoldsItsLeaseIsNotTakenByAnotherUntilTheLeaseIsClosed() {
        UUID job = UUID.randomUUID();
        JobLeases.Lease lease = replicaA.take(SPACE, job);

        assertThat(replicaB.takeIfAbandoned(SPACE, job)).isEmpty();
        assertThat(replicaB.isHeld(SPACE, job)).isTrue();
        // the same job id in another kind of job is another lease
        try (JobLeases.Lease other = replicaB.take(OTHER_SPACE, job)) {
            assertThat(other.jobId()).isEqualTo(job);
        }

        lease.close();
        assertThat(replicaB.isHeld(SPACE, job)).isFalse();
        Optional<JobLeases.Lease> taken = replicaB.takeIfAbandoned(SPACE, job);
        assertThat(taken).isPresent();
        assertThat(replicaA.takeIfAbandoned(SPACE, job)).as("now replica B's").isEmpty();
        taken.get().close();
    }

    @Test
    void theReplicaHoldingALeaseDoesNotTakeItAgainThroughAnotherOfItsSessions() {
        UUID job = UUID.randomUUID();
        try (JobLeases.Lease lease = replicaA.take(SPACE, job)) {
            // its recovery sweep looks at its own running job: not abandoned (advisory locks are re-entrant
            // within one session; each lease has its own)
            assertThat(replicaA.takeIfAbandoned(SPACE, job)).isEmpty();
            assertThat(replicaA.isHeld(SPACE, job)).isTrue();
            assertThatThrownBy(() -> replicaA.take(SPACE, job)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("held by another session");
        }
    }

    @Test
    void aLeaseIsFreeTheMomentTheSessionOfItsReplicaEnds() throws Exception {
        UUID job = UUID.randomUUID();
        JobLeases.Lease lease = replicaA.take(SPACE, job);
        // what PostgreSQL sees of a replica that dies: its sessions end
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement("""
                select pg_terminate_backend(pid) from pg_locks
                where locktype = 'advisory' and granted and classid::bigint = ? and objid::bigint = ?""")) {
            ps.setLong(1, SPACE.namespace());
            ps.setLong(2, JobLeases.key(job) & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a session holds the lease").isTrue();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> replicaB.takeIfAbandoned(SPACE, job)
                .map(taken -> {
                    taken.close();
                    return true;
                }).orElse(false));
        lease.close(); // its session is gone: nothing to free, and nothing thrown
        assertThat(replicaA.isHeld(SPACE, job)).isFalse();
    }

    @Test
    void sessionsAreKeptBetweenLeasesAndOneThatEndedIsNotUsedAgain() throws Exception {
        long before = sessions();
        for (int i = 0; i < 20; i++) {
            replicaA.take(SPACE, UUID.randomUUID()).close();
        }
        assertThat(sessions() - before).as("one session kept for the next lease").isEqualTo(1);

        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(
                "select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid()"
                        + " and backend_type = 'client backend'")) {
            ps.executeQuery().close();
        }
        UUID job = UUID.randomUUID();
        try (JobLeases.Lease lease = replicaA.take(SPACE, job)) {
            assertThat(replicaB.isHeld(SPACE, job)).isTrue();
        }
    }

    private static long sessions() throws SQLException {
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from pg_stat_activity where application_name = '" + JobLeases.APPLICATION_NAME + "'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection superuser() throws SQLException {
        return db.postgres().getPostgresDatabase().getConnection();
    }
}
