package io.timeflow.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.timeflow.platform.maintenance.Maintenance;
import io.timeflow.platform.maintenance.MaintenanceTable;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A write that passed the maintenance check just before a restore set its flag, and then waited behind the
 * quiesce's locks, is cancelled by the swap (backup-service's {@code SchemaSwap.cancelWaiters}, ADR 0042). Its
 * caller gets what any write gets during the restore, 503 {@code MAINTENANCE_IN_PROGRESS} with a
 * {@code Retry-After}, not a 500, and nothing of it is written.
 */
@QuarkusTest
class WriteCancelledBySwapTest {

    /** Cancels the session of the request's insert, waiting on a lock. */
    private static final String WAITING_INSERT = "select pg_cancel_backend(pid) from pg_stat_activity "
            + "where wait_event_type = 'Lock' and query like 'insert into %environment %'";

    @Inject
    AgroalDataSource db;

    @Test
    void aWriteCancelledBehindTheSwapsLocksIsAnsweredAsDuringMaintenance() throws Exception {
        String name = "env-" + UUID.randomUUID();
        String restoreId = UUID.randomUUID().toString();
        String schema;
        try (Connection swap = db.getConnection(); Connection flag = db.getConnection()) {
            try (Statement s = flag.createStatement(); ResultSet rs = s.executeQuery("select current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            swap.setAutoCommit(false);
            try (Statement lock = swap.createStatement()) {
                lock.execute("lock table environment in exclusive mode");
            }
            try {
                CompletableFuture<Response> write = CompletableFuture.supplyAsync(() -> Api.admin()
                        .body(EnvironmentApiTest.body(name)).post("/api/v1/environments"));
                long waiting = 0;
                for (int i = 0; i < 200 && waiting == 0; i++) {
                    Thread.sleep(50);
                    waiting = waiters();
                }
                assertThat(waiting).as("the write waits behind the lock").isEqualTo(1);
                // the quiesce's flag is committed while the write waits; then the swap cancels what waits
                MaintenanceTable.mark(flag, schema,
                        new Maintenance("RESTORE", restoreId, "restore of a backup", Instant.now(), Instant.now()));
                try (Statement cancel = swap.createStatement()) {
                    cancel.execute(WAITING_INSERT);
                }
                write.get(30, TimeUnit.SECONDS).then().statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", equalTo("30"))
                        .body("code", equalTo("MAINTENANCE_IN_PROGRESS"))
                        .body("context.operationId", equalTo(restoreId));
            } finally {
                swap.rollback();
                MaintenanceTable.clear(flag, schema, restoreId);
            }
        }
        assertThat(Api.count(db, "select count(*) from environment where name = ?", name)).isZero();
        // once the flag is gone the same write goes through
        Api.admin().body(EnvironmentApiTest.body(name)).post("/api/v1/environments").then().statusCode(201);
    }

    private long waiters() {
        return Api.count(db, WAITING_INSERT.replace("pg_cancel_backend(pid)", "count(*)"));
    }
}
