package io.timeflow.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.platform.db.DatabaseSessions;
import io.timeflow.backup.engine.SuiteLoader;
import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.platform.maintenance.Maintenance;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backup taken while the suite writes is a state that existed: writers change pairs of rows in
 * two services' schemas (staging's environment and snapshot's view of it) in single transactions
 * while the backup runs; in the archive every pair is whole, never one half without the other.
 */
@QuarkusTest
class ConsistencyTest {

    @Inject
    DatabaseSessions sessions;

    @BeforeAll
    static void suite() throws Exception {
        SuiteFixture.migrateServiceSchemas();
    }

    @Test
    void aBackupTakenUnderConcurrentWritesHoldsNoTornPairAcrossServices() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong transactions = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                writePairs(run + "-" + writer, stop, transactions);
                return null;
            }));
        }
        String backupId;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> transactions.get() >= 100);
            backupId = SuiteFixture.backup();
            long during = transactions.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> transactions.get() >= during + 50);
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            writers.shutdown();
        }

        // the archive's content, loaded beside the live schemas (never swapped in) and inspected there
        String suffix = "consist" + run;
        try (InputStream in = Files.newInputStream(Path.of("target/test-backups", backupId + ".tfbk"))) {
            new SuiteLoader(sessions::open, SuiteMigrations.bundled()).load(in,
                    KeySource.passphrase("correct horse battery staple".toCharArray(), 100_000), suffix,
                    new Maintenance("RESTORE", "inspection", "inspection", Instant.now(), Instant.now()), p -> { });
        }
        try (Connection c = SuiteFixture.superuser()) {
            String staging = "staging_restore_" + suffix;
            String snapshot = "snapshot_restore_" + suffix;
            long pairs = SuiteFixture.count(c, "select count(*) from " + staging + ".environment where name like ?",
                    "pair-" + run + "%");
            long torn = SuiteFixture.count(c, "select count(*) from " + staging + ".environment e full join " + snapshot
                    + ".target_environment t on t.id = e.id where (e.name like ? or t.name like ?)"
                    + " and (e.id is null or t.id is null or e.name <> t.name)", "pair-" + run + "%", "pair-" + run + "%");
            assertThat(pairs).as("pairs in the archive").isGreaterThan(0);
            assertThat(torn).as("pairs torn across the two services' schemas").isZero();
            // every schema the load made (backup-service's own too)
            assertThat(io.timeflow.backup.engine.SuiteLoader.dropRestoreSchemas(c, suffix)).contains(staging, snapshot);
        }
    }

    /** One writer: inserts, renames and deletes pairs, each change to both schemas in one transaction. */
    static void writePairs(String writer, AtomicBoolean stop, AtomicLong transactions) throws Exception {
        List<UUID> mine = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Connection c = SuiteFixture.superuser()) {
            c.setAutoCommit(false);
            for (long i = 0; !stop.get() && System.nanoTime() < deadline; i++) {
                String name = "pair-" + writer + "-" + i;
                if (i % 3 == 2 && !mine.isEmpty()) {
                    UUID id = mine.get((int) (i % mine.size()));
                    for (String sql : List.of("update staging.environment set name = ? where id = ?",
                            "update snapshot.target_environment set name = ? where id = ?")) {
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.setString(1, name + "-renamed");
                            ps.setObject(2, id);
                            ps.executeUpdate();
                        }
                    }
                } else if (i % 7 == 6 && !mine.isEmpty()) {
                    UUID id = mine.remove(0);
                    for (String sql : List.of("delete from snapshot.target_environment where id = ?",
                            "delete from staging.environment where id = ?")) {
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.setObject(1, id);
                            ps.executeUpdate();
                        }
                    }
                } else {
                    UUID id = UUID.randomUUID();
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into staging.environment (id, name, host, os_type, time_zone, connector_path, created_at,
                                updated_at) values (?, ?, 'h', 'LINUX', 'UTC', '/opt/delphix', now(), now())""")) {
                        ps.setObject(1, id);
                        ps.setString(2, name);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("""
                            insert into snapshot.target_environment (id, name, host, os_type, time_zone, connector_path,
                                registered_at, last_event_id, updated_at)
                            values (?, ?, 'h', 'LINUX', 'UTC', '/opt/delphix', now(), 'e', now())""")) {
                        ps.setObject(1, id);
                        ps.setString(2, name);
                        ps.executeUpdate();
                    }
                    mine.add(id);
                }
                c.commit();
                transactions.incrementAndGet();
            }
        }
    }
}
