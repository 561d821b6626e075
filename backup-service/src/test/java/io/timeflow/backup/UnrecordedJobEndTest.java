package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.backup.domain.OperationLock;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.testing.MetricsScrape;
import io.timeflow.testing.TestTokens;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backup job that cannot record how it went (the database refuses the write: here its role's
 * right to update backups is taken away for a moment, as an outage would refuse it) keeps the
 * backup/restore lock and lets its lease go; recovery ends the job as failed (ADR 0158). Found by the
 * randomized fault run: with PostgreSQL stopped under a running backup, the job released the lock
 * although its end was never written, and the backup stayed RUNNING for ever, nothing to recover it.
 */
@QuarkusTest
class UnrecordedJobEndTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeAll
    static void suite() throws Exception {
        SuiteFixture.migrateServiceSchemas();
    }

    @Test
    void aBackupWhoseEndCannotBeRecordedIsEndedByRecoveryNotLeftRunning() throws Exception {
        MetricsScrape before = MetricsScrape.of(metrics);
        String id;
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("revoke update on backup.backup from timeflow_backup");
            try {
                id = given().auth().oauth2(TestTokens.forRoles("backup-admin")).post("/api/v1/backups")
                        .then().statusCode(202).extract().jsonPath().getString("id");
                // the job could not mark its backup started: it ends, letting its lease go, and keeps the lock
                // (before the fix, it released the lock)
                await().atMost(Duration.ofSeconds(30)).until(() -> SuiteFixture.count(c,
                        "select count(*) from pg_locks where locktype = 'advisory' and classid::bigint = ?"
                                + " and objid::bigint = ?", (long) OperationLock.LEASES.namespace(),
                        JobLeases.key(java.util.UUID.fromString(id)) & 0xFFFFFFFFL) == 0);
                assertThat(SuiteFixture.count(c, "select count(*) from backup.operation_lock where job_id = ?::uuid",
                        id)).isEqualTo(1);
            } finally {
                s.execute("grant update on backup.backup to timeflow_backup");
            }
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> !"PENDING".equals(
                state(id)) && !"RUNNING".equals(state(id)));
        JsonPath b = given().auth().oauth2(TestTokens.forRoles("backup-admin")).get("/api/v1/backups/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(b.getString("state")).isEqualTo("FAILED");
        assertThat(b.getString("error.code")).isEqualTo("INTERRUPTED");
        try (Connection c = SuiteFixture.superuser()) {
            assertThat(SuiteFixture.count(c, "select count(*) from backup.operation_lock")).isZero();
        }
        // the operator's metrics (ADR 155): the backup accepted, then recovered and ended as failed by recovery
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(MetricsScrape.of(metrics).since(before, "timeflow_jobs_recovered_total", "kind", "backup"))
                .isEqualTo(1));
        MetricsScrape after = MetricsScrape.of(metrics);
        assertThat(after.since(before, "timeflow_jobs_accepted_total", "kind", "backup"))
                .isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_ended_total", "kind", "backup", "state", "failed"))
                .isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_queued_seconds_count", "kind", "backup"))
                .as("its start was never recorded").isZero();
    }

    private static String state(String id) {
        return given().auth().oauth2(TestTokens.forRoles("backup-admin")).get("/api/v1/backups/" + id)
                .then().statusCode(200).extract().jsonPath().getString("state");
    }
}
