package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.timeflow.backup.archive.ArchiveWriter;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.domain.Recovery;
import io.timeflow.backup.engine.SuiteDumper;
import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.events.EventJson;
import io.timeflow.events.backup.MaintenanceEnded;
import io.timeflow.events.backup.RestoreCompleted;
import io.timeflow.events.backup.RestoreFailed;
import io.timeflow.testing.Infra;
import io.timeflow.testing.MetricsScrape;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restores of the whole suite: the round trip (every table of every schema back as it was), the
 * refusals that happen before anything is touched, a restore killed halfway, a backup from an older
 * version upgraded on the way in, and one replica's death recovered by another.
 */
@QuarkusTest
class RestoreTest {

    static final String TOPIC = "timeflow.backup.v1";
    static final Path STORE = Path.of("target/test-backups");

    @Inject
    RestoreGate gate;

    @Inject
    Recovery recovery;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeAll
    static void suite() throws Exception {
        SuiteFixture.migrateServiceSchemas();
        try (Connection c = SuiteFixture.superuser()) {
            SuiteFixture.fill(c, "restore-" + UUID.randomUUID(), 300);
        }
    }

    @AfterEach
    void releaseGate() {
        gate.release();
    }

    static String admin() {
        return TestTokens.forRoles("backup-admin");
    }

    static String restoreBody(String backupId, String confirm) {
        return "{\"backupId\": \"" + backupId + "\"" + (confirm == null ? "" : ", \"confirm\": \"" + confirm + "\"") + "}";
    }

    static String startRestore(String backupId) {
        String location = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(restoreBody(backupId, backupId))
                .post("/api/v1/restores")
                .then().statusCode(202).body("state", equalTo("PENDING")).body("backupId", equalTo(backupId))
                .extract().header("Location");
        return location.substring(location.indexOf("/api/"));
    }

    /** Deletes and changes rows in every schema, so a restore has something to undo. */
    static void changeEverything() throws Exception {
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("delete from staging.environment where name like 'restore-%' and connector_path like '%0'");
            s.execute("update snapshot.target_environment set time_zone = 'UTC', name = name || '-renamed'");
            s.execute("delete from snapshot.inbox where event_id like '%a%'");
            SuiteFixture.fill(c, "after-backup-" + UUID.randomUUID(), 25);
        }
    }

    static List<String> leftoverSchemas() throws Exception {
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select string_agg(nspname, ',') from pg_namespace "
                        + "where nspname like '%\\_restore\\_%' or nspname like '%\\_replaced\\_%'")) {
            rs.next();
            return rs.getString(1) == null ? List.of() : List.of(rs.getString(1).split(","));
        }
    }

    /**
     * The tables of the swapped schemas that a restore brought in (those a backup holds) and that have no statistics
     * from an {@code analyze} of their own: a restore analyses each as pg_restore leaves to autovacuum, so that the
     * services' plans fit the restored data at once.
     */
    static List<String> restoredTablesNotAnalysed() throws Exception {
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select string_agg(schemaname || '.' || relname, ',' order by 1) "
                        + "from pg_stat_user_tables where schemaname in ('staging', 'snapshot') and last_analyze is null "
                        + "and relname not in ('flyway_schema_history', 'maintenance', 'data_key')")) {
            rs.next();
            return rs.getString(1) == null ? List.of() : List.of(rs.getString(1).split(","));
        }
    }

    /** Every index and constraint of the suite's schemas, by schema and name, with its definition. */
    static List<String> indexesAndConstraints() throws Exception {
        List<String> found = new java.util.ArrayList<>();
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select n.nspname || ' ' || i.relname || ': ' || pg_get_indexdef(x.indexrelid)
                        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = i.relnamespace
                        where n.nspname in ('staging', 'snapshot', 'backup')
                        union all
                        select n.nspname || ' ' || k.conname || ': ' || pg_get_constraintdef(k.oid)
                        from pg_constraint k join pg_namespace n on n.oid = k.connamespace
                        where n.nspname in ('staging', 'snapshot', 'backup')
                        order by 1""")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    static long maintenanceRows() throws Exception {
        try (Connection c = SuiteFixture.superuser()) {
            return SuiteFixture.count(c, "select (select count(*) from staging.maintenance) + (select count(*) from snapshot.maintenance)");
        }
    }

    @Test
    void aRestoreBringsBackEveryTableOfEverySchemaAsItWasAtBackupTime() throws Exception {
        MetricsScrape before = MetricsScrape.of(metrics);
        Map<String, String> atBackup = SuiteFixture.liveContents();
        List<String> keys = indexesAndConstraints();
        String backupId = SuiteFixture.backup();
        changeEverything();
        Map<String, String> changed = SuiteFixture.liveContents();
        assertThat(changed).isNotEqualTo(atBackup);

        // a service's session, opened before the restore, with a statement it prepared server-side
        try (Connection service = SuiteFixture.roleDataSource(Infra.postgres().jdbcUrl(), "staging").getConnection();
                PreparedStatement countEnvironments = service.prepareStatement("select count(*), max(name) from environment")) {
            for (int i = 0; i < 6; i++) {
                countEnvironments.executeQuery().close();
            }

            String restorePath = startRestore(backupId);
            JsonPath done = SuiteFixture.awaitJob(restorePath);
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
            assertThat(done.getList("steps.name")).containsExactly("VERIFY_AND_LOAD", "QUIESCE", "SAFETY_BACKUP", "SWAP");
            assertThat(done.getList("schemas")).as("backup-service's own schema is merged (ADR 91)")
                    .containsExactly("staging", "snapshot", "backup");
            assertThat(done.getBoolean("upgraded")).isFalse();

            // every table of every schema is as it was when the backup was taken, with every index and key
            // (each built again while the tables after it were copied in)
            assertThat(SuiteFixture.liveContents()).isEqualTo(atBackup);
            assertThat(keys).anyMatch(k -> k.contains("PRIMARY KEY")).anyMatch(k -> k.contains("FOREIGN KEY"))
                    .anyMatch(k -> k.contains("CREATE INDEX"));
            assertThat(indexesAndConstraints()).isEqualTo(keys);

            // the service's own session serves the restored data, without a restart
            try (ResultSet rs = countEnvironments.executeQuery()) {
                rs.next();
                try (Connection c = SuiteFixture.superuser()) {
                    assertThat(rs.getLong(1)).isEqualTo(SuiteFixture.count(c, "select count(*) from staging.environment"));
                }
            }
            try (Statement write = service.createStatement()) {
                write.execute("update environment set updated_at = updated_at where false");
            }

            // the safety backup holds the data the restore replaced
            String safetyId = done.getString("safetyBackupId");
            JsonPath safety = given().auth().oauth2(admin()).get("/api/v1/backups/" + safetyId).then().statusCode(200)
                    .body("trigger", equalTo("SAFETY")).body("state", equalTo("SUCCEEDED")).extract().jsonPath();
            long changedRows = changed.values().stream().filter(v -> v.contains(" rows, "))
                    .mapToLong(v -> Long.parseLong(v.substring(0, v.indexOf(' ')))).sum();
            assertThat(safety.getLong("schemas.findAll { it.schema != 'backup' }.rows.sum()")).isEqualTo(changedRows);

            String restoreId = done.getString("id");
            List<TopicProbe.Seen> events = TopicProbe.readUntil(TOPIC, r -> restoreId.equals(r.key())
                    && "io.timeflow.backup.maintenance.ended.v1".equals(r.type()), Duration.ofSeconds(20));
            assertThat(events.stream().filter(r -> restoreId.equals(r.key())).map(TopicProbe.Seen::type)).containsExactly(
                    "io.timeflow.backup.maintenance.started.v1", "io.timeflow.backup.restore.started.v1",
                    "io.timeflow.backup.restore.completed.v1", "io.timeflow.backup.maintenance.ended.v1");
            RestoreCompleted completed = EventJson.read(events.stream().filter(r -> restoreId.equals(r.key())
                    && r.type().endsWith("restore.completed.v1")).findFirst().orElseThrow().value(), RestoreCompleted.class);
            assertThat(completed.backupId()).isEqualTo(backupId);
            assertThat(completed.safetyBackupId()).isEqualTo(safetyId);
            assertThat(EventJson.read(events.get(events.size() - 1).value(), MaintenanceEnded.class).outcome())
                    .isEqualTo("SUCCEEDED");
        }
        assertThat(maintenanceRows()).isZero();
        assertThat(leftoverSchemas()).isEmpty();
        // each table analysed right after its keys were built (no migration runs after the copy here); the
        // statistics a session reports reach the view within a second or so
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(restoredTablesNotAnalysed()).isEmpty());

        // the operator's metrics (ADR 155): one restore accepted and succeeded; two backups, the one restored and
        // the restore's safety backup, a backup job of its own
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(MetricsScrape.of(metrics).since(before, "timeflow_jobs_ended_total", "kind", "restore", "state", "succeeded"))
                .isEqualTo(1));
        MetricsScrape after = MetricsScrape.of(metrics);
        assertThat(after.since(before, "timeflow_jobs_accepted_total", "kind", "restore"))
                .isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_queued_seconds_count", "kind", "restore"))
                .isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_duration_seconds_count", "kind", "restore", "state", "succeeded"))
                .isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_accepted_total", "kind", "backup"))
                .isEqualTo(2);
        assertThat(after.since(before, "timeflow_jobs_ended_total", "kind", "backup", "state", "succeeded"))
                .isEqualTo(2);
        try (Connection c = SuiteFixture.superuser()) {
            assertThat(SuiteFixture.count(c, "select count(*) from pg_namespace n join pg_roles r on r.oid = n.nspowner "
                    + "where n.nspname = 'staging' and r.rolname = 'timeflow_staging'")).isEqualTo(1);
        }
    }

    @Test
    void aRestoreWithoutItsConfirmationChangesNothing() throws Exception {
        String backupId = SuiteFixture.backup();
        Map<String, String> before = SuiteFixture.liveContents();
        long restores;
        try (Connection c = SuiteFixture.superuser()) {
            restores = SuiteFixture.count(c, "select count(*) from backup.restore");
        }
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(restoreBody(backupId, null))
                .post("/api/v1/restores")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("CONFIRMATION_REQUIRED"))
                .body("errors[0].field", equalTo("confirm"))
                .body("detail", containsString(backupId));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(restoreBody(backupId, UUID.randomUUID().toString())).post("/api/v1/restores")
                .then().statusCode(400).body("code", equalTo("CONFIRMATION_REQUIRED"));
        given().auth().oauth2(TestTokens.forRoles("viewer")).contentType(ContentType.JSON)
                .body(restoreBody(backupId, backupId)).post("/api/v1/restores").then().statusCode(403);
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(restoreBody(unknown, unknown))
                .post("/api/v1/restores").then().statusCode(404);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"confirm\": \"x\"}")
                .post("/api/v1/restores").then().statusCode(400).body("errors[0].field", equalTo("backupId"));
        assertThat(SuiteFixture.liveContents()).isEqualTo(before);
        try (Connection c = SuiteFixture.superuser()) {
            assertThat(SuiteFixture.count(c, "select count(*) from backup.restore")).isEqualTo(restores);
        }
    }

    @Test
    void aTamperedTruncatedOrWronglyKeyedArchiveIsRefusedBeforeAnythingIsTouched() throws Exception {
        for (String damage : List.of("ARCHIVE_TAMPERED", "ARCHIVE_TRUNCATED", "WRONG_PASSPHRASE")) {
            String backupId = SuiteFixture.backup();
            Path archive = STORE.resolve(backupId + ".tfbk");
            byte[] bytes = Files.readAllBytes(archive);
            String body = restoreBody(backupId, backupId);
            switch (damage) {
                case "ARCHIVE_TAMPERED" -> {
                    bytes[bytes.length - 30] ^= 0x01;
                    Files.write(archive, bytes);
                }
                case "ARCHIVE_TRUNCATED" -> Files.write(archive, Arrays.copyOf(bytes, bytes.length - 1));
                default -> body = body.replace("}", ", \"passphrase\": \"a wrong passphrase\"}");
            }
            Map<String, String> before = SuiteFixture.liveContents();
            long backups;
            try (Connection c = SuiteFixture.superuser()) {
                backups = SuiteFixture.count(c, "select count(*) from backup.backup");
            }
            String location = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/restores").then().statusCode(202).extract().header("Location");
            JsonPath done = SuiteFixture.awaitJob(location.substring(location.indexOf("/api/")));
            assertThat(done.getString("state")).isEqualTo("FAILED");
            assertThat(done.getString("error.code")).isEqualTo(damage);
            assertThat(done.prettify()).doesNotContain("a wrong passphrase");
            assertThat(done.getString("safetyBackupId")).isNull();

            assertThat(SuiteFixture.liveContents()).isEqualTo(before);
            try (Connection c = SuiteFixture.superuser()) {
                assertThat(SuiteFixture.count(c, "select count(*) from backup.backup")).as("no safety backup").isEqualTo(backups);
            }
            String restoreId = done.getString("id");
            List<TopicProbe.Seen> events = TopicProbe.readUntil(TOPIC, r -> restoreId.equals(r.key())
                    && r.type().endsWith("restore.failed.v1"), Duration.ofSeconds(20));
            assertThat(events.stream().filter(r -> restoreId.equals(r.key())).map(TopicProbe.Seen::type))
                    .containsExactly("io.timeflow.backup.restore.failed.v1");
            assertThat(EventJson.read(events.get(events.size() - 1).value(), RestoreFailed.class).code()).isEqualTo(damage);
        }
        assertThat(maintenanceRows()).isZero();
    }

    @Test
    void aBackupFromANewerVersionIsRefusedNamingBothVersions() throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] archive = archiveOf(Infra.postgres().jdbcUrl(), id, "99.0.0");
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(archive)
                .post("/api/v1/backups/imports").then().statusCode(201).body("appVersion", equalTo("99.0.0"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(restoreBody(id, id)).post("/api/v1/restores")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("BACKUP_NEWER_THAN_SUITE"))
                .body("detail", containsString("99.0.0"))
                .body("detail", containsString("0.1.0"))
                .body("context.backupVersion", equalTo("99.0.0"))
                .body("context.runningVersion", equalTo("0.1.0"));
    }

    @Test
    void aBackupSealedWithAnotherInstallationsKeyRestoresAndItsKeyJoinsTheKeyRing() throws Exception {
        // another installation's data: a dSource whose hooks it sealed, an API key it digested, with its own key
        byte[] otherKey = new byte[32];
        new java.security.SecureRandom().nextBytes(otherKey);
        String otherId = io.timeflow.platform.crypto.KeyRing.idOf(otherKey);
        SuiteFixture.Sealed sealed;
        String id = UUID.randomUUID().toString();
        byte[] archive;
        try (Connection c = SuiteFixture.superuser()) {
            c.setAutoCommit(false);
            sealed = SuiteFixture.sealedDSource(c, otherKey);
            // taken inside the transaction that wrote them: the archive has them, the live data will not
            archive = archiveOf(c, id, "0.1.0", otherKey);
            c.rollback();
        }
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(archive)
                .post("/api/v1/backups/imports").then().statusCode(201).body("dataKeyFingerprint", equalTo(otherId));
        JsonPath done = SuiteFixture.awaitJob(startRestore(id));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getString("steps.find { it.name == 'VERIFY_AND_LOAD' }.detail"))
                .contains(otherId).contains("added to this installation's key ring");

        byte[] ownKey = java.util.Base64.getDecoder().decode(io.timeflow.testing.TimeflowTestResource.TEST_ENCRYPTION_KEY);
        try (Connection c = SuiteFixture.superuser()) {
            for (String schema : SuiteFixture.SCHEMAS) {
                var rows = io.timeflow.platform.crypto.DataKeyTable.read(c, schema);
                assertThat(rows).as(schema + "'s key ring").filteredOn(r -> r.keyId().equals(otherId))
                        .singleElement().satisfies(r -> {
                            assertThat(r.state()).isEqualTo(io.timeflow.platform.crypto.KeyRing.State.RETAINED);
                            assertThat(r.wrappedBy()).isEqualTo(io.timeflow.platform.crypto.KeyRing.idOf(ownKey));
                            assertThat(r.material()).doesNotContain(java.util.Base64.getEncoder().encodeToString(otherKey));
                        });
            }
            // what staging-service does with its ring: the restored hooks open, the restored API key matches
            var ring = io.timeflow.platform.crypto.DataKeyTable.ring(ownKey, List.of(),
                    io.timeflow.platform.crypto.DataKeyTable.read(c, "staging"));
            var cipher = io.timeflow.platform.crypto.SecretCipher.withRing(ownKey, ring);
            String hooks;
            String digestKeyId;
            String digest;
            try (PreparedStatement ps = c.prepareStatement("select d.hooks, k.digest_key_id, k.digest from staging.dsource d,"
                    + " staging.api_key k where d.id = ? and k.key_id = ?")) {
                ps.setObject(1, sealed.dsourceId());
                ps.setObject(2, sealed.apiKeyId());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    hooks = rs.getString(1);
                    digestKeyId = rs.getString(2);
                    digest = rs.getString(3);
                }
            }
            assertThat(hooks).startsWith("tfenc:v1:" + otherId + ":");
            assertThat(cipher.open(hooks, "staging.dsource/" + sealed.dsourceId() + "/hooks")).contains(sealed.hookCommand());
            assertThat(digestKeyId).as("the archive's installation key made the digests that name none").isEqualTo(otherId);
            assertThat(new io.timeflow.platform.security.apikey.ApiKeyDigest(cipher)
                    .matches(sealed.apiKeySecret(), digest, digestKeyId)).isTrue();
        }
        given().auth().oauth2(admin()).get("/api/v1/data-keys").then().statusCode(200)
                .body("activeKeyId", equalTo(io.timeflow.platform.crypto.KeyRing.idOf(ownKey)))
                .body("keys.find { it.keyId == '" + otherId + "' }.state", equalTo("RETAINED"))
                .body("keys.find { it.keyId == '" + otherId + "' }.services.schema", org.hamcrest.Matchers.hasItems("staging", "snapshot"));
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            // leave the suite as the other tests expect it: no dSource, no foreign key
            s.execute("delete from staging.dsource where id = '" + sealed.dsourceId() + "'");
            s.execute("delete from staging.api_key where key_id = '" + sealed.apiKeyId() + "'");
            for (String schema : SuiteFixture.SCHEMAS) {
                s.execute("delete from " + schema + ".data_key");
            }
        }
    }

    @Test
    void aBackupHoldingSecretsWhoseKeyNobodyHoldsIsRefusedBeforeAnythingChanges() throws Exception {
        byte[] lostKey = new byte[32];
        new java.security.SecureRandom().nextBytes(lostKey);
        String id = UUID.randomUUID().toString();
        byte[] archive;
        try (Connection c = SuiteFixture.superuser()) {
            c.setAutoCommit(false);
            SuiteFixture.sealedDSource(c, lostKey);
            archive = archiveOf(c, id, "0.1.0", null); // an archive that does not carry the key its secrets need
            c.rollback();
        }
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(archive)
                .post("/api/v1/backups/imports").then().statusCode(201);
        Map<String, String> before = SuiteFixture.liveContents();
        JsonPath done = SuiteFixture.awaitJob(startRestore(id));
        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getString("error.code")).isEqualTo("DATA_KEY_MISSING");
        assertThat(done.getString("error.message")).contains(io.timeflow.platform.crypto.KeyRing.idOf(lostKey))
                .contains("nothing was restored");
        assertThat(SuiteFixture.liveContents()).isEqualTo(before);
        assertThat(leftoverSchemas()).isEmpty();
        assertThat(maintenanceRows()).isZero();
    }

    @Test
    void aRestoreKilledWhileLoadingLeavesThePreviousDataExactlyAsItWas() throws Exception {
        String backupId = SuiteFixture.backup();
        changeEverything();
        Map<String, String> current = SuiteFixture.liveContents();

        String restorePath = startRestoreHeldAt("LOAD_TABLE", backupId);
        String restoreId = restorePath.substring(restorePath.lastIndexOf('/') + 1);
        assertThat(leftoverSchemas()).anyMatch(s -> s.startsWith("staging_restore_"));
        assertThat(maintenanceRows()).as("loading beside the live schemas does not stop writes").isZero();
        given().auth().oauth2(admin()).post("/api/v1/backups").then().statusCode(409)
                .body("code", equalTo("OPERATION_IN_PROGRESS")).body("context.runningId", equalTo(restoreId));

        // the restore's database sessions are killed, as a crash of its process would end them
        killRestoreSessions();
        gate.release();

        JsonPath done = SuiteFixture.awaitJob(restorePath);
        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getString("error.code")).isEqualTo("INTERRUPTED");
        assertThat(SuiteFixture.liveContents()).isEqualTo(current);
        assertThat(leftoverSchemas()).isEmpty();
        List<TopicProbe.Seen> events = TopicProbe.readUntil(TOPIC, r -> restoreId.equals(r.key())
                && r.type().endsWith("restore.failed.v1"), Duration.ofSeconds(20));
        assertThat(events.stream().filter(r -> restoreId.equals(r.key())).map(TopicProbe.Seen::type))
                .containsExactly("io.timeflow.backup.restore.failed.v1");
    }

    @Test
    void aRestoreKilledJustBeforeItsSwapLeavesThePreviousDataExactlyAsItWas() throws Exception {
        String backupId = SuiteFixture.backup();
        changeEverything();
        Map<String, String> current = SuiteFixture.liveContents();

        String restorePath = startRestoreHeldAt("SWAPPING", backupId);
        String restoreId = restorePath.substring(restorePath.lastIndexOf('/') + 1);

        // loaded, quiesced and safety-backed-up: writes refused everywhere, the live tables locked
        assertThat(maintenanceRows()).isEqualTo(2);
        assertThat(leftoverSchemas()).anyMatch(s -> s.startsWith("staging_restore_"));
        try (Connection c = SuiteFixture.superuser()) {
            assertThat(SuiteFixture.count(c, "select count(*) from pg_locks l join pg_class t on t.oid = l.relation "
                    + "join pg_namespace n on n.oid = t.relnamespace where n.nspname = 'staging' and l.mode = 'ExclusiveLock'"
                    + " and l.granted")).isPositive();
        }
        // a backup, or a second restore, is refused while it runs
        given().auth().oauth2(admin()).post("/api/v1/backups").then().statusCode(409)
                .body("code", equalTo("OPERATION_IN_PROGRESS")).body("context.runningId", equalTo(restoreId));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(restoreBody(backupId, backupId))
                .post("/api/v1/restores").then().statusCode(409).body("code", equalTo("OPERATION_IN_PROGRESS"));
        given().auth().oauth2(admin()).get(restorePath).then().statusCode(200).body("state", equalTo("RUNNING"));

        killRestoreSessions();
        gate.release();

        JsonPath done = SuiteFixture.awaitJob(restorePath);
        assertThat(done.getString("state")).isEqualTo("FAILED");
        assertThat(done.getString("error.code")).isEqualTo("INTERRUPTED");
        assertThat(SuiteFixture.liveContents()).isEqualTo(current);
        assertThat(maintenanceRows()).isZero();
        assertThat(leftoverSchemas()).isEmpty();
        TopicProbe.Seen ended = TopicProbe.await(TOPIC, r -> restoreId.equals(r.key())
                && r.type().endsWith("maintenance.ended.v1"), Duration.ofSeconds(20));
        assertThat(EventJson.read(ended.value(), MaintenanceEnded.class).outcome()).isEqualTo("FAILED");
        // and the suite takes backups again
        SuiteFixture.backup();
    }

    @Test
    void aSessionThatReadATableAndWaitsToWriteItDuringTheQuiesceDoesNotDeadlockTheSwap() throws Exception {
        String backupId = SuiteFixture.backup();
        String restorePath = startRestoreHeldAt("SWAPPING", backupId);

        // what Quartz's cluster check-in or a consumer does in a service while the suite is quiesced: read a
        // live table, then wait behind the restore's EXCLUSIVE lock to write it
        try (Connection service = transactionThatRead("snapshot", "select count(*) from snapshot.target_environment")) {
            CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> {
                try (Statement s = service.createStatement()) {
                    return s.executeUpdate("update snapshot.target_environment set time_zone = time_zone");
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            });
            try (Connection c = SuiteFixture.superuser()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> SuiteFixture.count(c, "select count(*) from pg_stat_activity "
                        + "where usename = 'timeflow_snapshot' and wait_event_type = 'Lock'") > 0);
            }
            gate.release();

            JsonPath done = SuiteFixture.awaitJob(restorePath);
            assertThat(done.getString("state")).as("restore %s", done.prettify()).isEqualTo("SUCCEEDED");
            // the waiting write was cancelled (it could only fail: its table was replaced), not deadlocked
            assertThatThrownBy(write::join).hasRootCauseInstanceOf(SQLException.class)
                    .rootCause().hasMessageContaining("canceling statement");
            service.rollback();
        }
        assertThat(leftoverSchemas()).isEmpty();
        assertThat(maintenanceRows()).isZero();
    }

    @Test
    void aRequestThatReadItsMaintenanceRowAndThenReadsItsDataDuringTheSwapDoesNotDeadlockIt() throws Exception {
        String backupId = SuiteFixture.backup();
        String restorePath = startRestoreHeldAt("SWAPPING", backupId);

        // what a service's request does in one transaction: read the maintenance row (a table the quiesce leaves
        // unlocked), then its data; here the swap comes between the two reads
        try (Connection service = transactionThatRead("snapshot", "select count(*) from snapshot.maintenance")) {
            gate.release();
            awaitTheSwapSessionWaitingForALock();
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
                try (Statement s = service.createStatement(); ResultSet rs = s.executeQuery(
                        "select count(*) from snapshot.target_environment")) {
                    rs.next();
                    return rs.getLong(1);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            });
            assertThat(read.get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotNegative();
            service.commit();
        }
        JsonPath done = SuiteFixture.awaitJob(restorePath);
        assertThat(done.getString("state")).as("restore %s", done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(leftoverSchemas()).isEmpty();
        assertThat(maintenanceRows()).isZero();
    }

    @Test
    void aWriteInFlightWhenTheSuiteIsQuiescedDoesNotDeadlockTheQuiesce() throws Exception {
        String backupId = SuiteFixture.backup();
        String restorePath = startRestoreHeldAt("LOADED", backupId);

        // what staging-service's report of a restore start does in one transaction: lock its dSource's row, then
        // write the restore and its event to the outbox; here the quiesce comes between the two
        try (Connection service = SuiteFixture.roleDataSource(Infra.postgres().jdbcUrl(), "staging").getConnection()) {
            service.setAutoCommit(false);
            try (Statement s = service.createStatement()) {
                s.execute("select id from staging.dsource for update");
            }
            gate.release();
            awaitTheSwapSessionWaitingForALock();
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
                try (Statement s = service.createStatement()) {
                    s.execute("lock table staging.outbox in row exclusive mode"); // what its insert takes
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            });
            write.get(30, java.util.concurrent.TimeUnit.SECONDS);
            service.commit();
        }
        JsonPath done = SuiteFixture.awaitJob(restorePath);
        assertThat(done.getString("state")).as("restore %s", done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(leftoverSchemas()).isEmpty();
        assertThat(maintenanceRows()).isZero();
    }

    /** Waits until the restore's swap session (its quiesce, then its swap) waits for a lock another session holds. */
    static void awaitTheSwapSessionWaitingForALock() throws Exception {
        try (Connection c = SuiteFixture.superuser()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> SuiteFixture.count(c, "select count(*) from "
                    + "pg_stat_activity where application_name like 'timeflow-restore-%-swap' and wait_event_type = 'Lock'") > 0);
        }
    }

    /** Starts a restore of {@code backupId} and waits until it is held at {@code step} (released by the test). */
    String startRestoreHeldAt(String step, String backupId) throws Exception {
        gate.holdAt(step);
        String restorePath = startRestore(backupId);
        gate.awaitReached();
        return restorePath;
    }

    /** A session of a service's role inside a transaction that has read {@code query}'s first row. */
    static Connection transactionThatRead(String role, String query) throws SQLException {
        Connection service = SuiteFixture.roleDataSource(Infra.postgres().jdbcUrl(), role).getConnection();
        try (Statement s = service.createStatement()) {
            service.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery(query)) {
                rs.next();
            }
        } catch (SQLException e) {
            service.close();
            throw e;
        }
        return service;
    }

    static void killRestoreSessions() throws Exception {
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name like 'timeflow-restore-%'");
        }
    }

    @Test
    void aRestoreOfABackupFromAnOlderVersionIsUpgradedOnTheWayIn() throws Exception {
        // an installation of an older version: the platform's migrations before V0_3 (no maintenance table)
        String database = "timeflow_old_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        String url = Infra.postgres().jdbcUrl().replace("/timeflow", "/" + database);
        try (Connection c = SuiteFixture.superuser(url); Statement s = c.createStatement()) {
            for (String schema : SuiteFixture.SCHEMAS) {
                s.execute("create schema " + schema + " authorization timeflow_" + schema);
                s.execute("grant connect on database " + database + " to timeflow_" + schema + ", timeflow_backup");
            }
        }
        SuiteMigrations migrations = SuiteMigrations.bundled();
        for (String schema : SuiteFixture.SCHEMAS) {
            migrations.migrate(SuiteFixture.roleDataSource(url, schema), schema, schema, null,
                    script -> !script.version().equals("0.3"));
        }
        Map<String, String> old;
        try (Connection c = SuiteFixture.superuser(url)) {
            SuiteFixture.fill(c, "old-version", 40);
            old = SuiteFixture.contents(c, SuiteFixture.SCHEMAS);
            assertThat(SuiteFixture.count(c, "select count(*) from information_schema.tables where table_name = 'maintenance'"))
                    .isZero();
        }
        String id = UUID.randomUUID().toString();
        byte[] archive = archiveOf(url, id, "0.0.9");
        JsonPath uploaded = given().auth().oauth2(admin()).contentType("application/octet-stream").body(archive)
                .post("/api/v1/backups/imports").then().statusCode(201).extract().jsonPath();
        assertThat(uploaded.getList("schemas.appliedMigrations[0]", String.class)).containsExactlyElementsOf(
                migrations.versionsOf(SuiteFixture.SCHEMAS.get(0)).stream().filter(v -> !v.equals("0.3")).toList());

        JsonPath done = SuiteFixture.awaitJob(startRestore(id));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getBoolean("upgraded")).isTrue();
        assertThat(done.getString("backupVersion")).isEqualTo("0.0.9");
        assertThat(done.getString("runningVersion")).isEqualTo("0.1.0");

        // the old data, now under this version's schema: the missing migration ran on it, and each table was
        // analysed after it
        assertThat(SuiteFixture.liveContents()).isEqualTo(old);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(restoredTablesNotAnalysed()).isEmpty());
        try (Connection c = SuiteFixture.superuser()) {
            for (String schema : SuiteFixture.SCHEMAS) {
                assertThat(SuiteFixture.count(c, "select count(*) from " + schema
                        + ".flyway_schema_history where version = '0.3' and success")).isEqualTo(1);
                assertThat(SuiteFixture.count(c, "select count(*) from " + schema + ".maintenance")).isZero();
            }
        }
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("drop database " + database);
        }
    }

    /**
     * The transaction that records a restore's end, after its swap has committed, fails once (the database refuses
     * the write; as a connection cut there would); recording the failure then works. The data is the backup's: the
     * restore must say it succeeded, not that it failed with the previous data in place.
     */
    @Test
    void aRestoreWhoseEndFailsToBeRecordedAfterItsSwapIsRecordedAsSucceeded() throws Exception {
        Map<String, String> atBackup = SuiteFixture.liveContents();
        String backupId = SuiteFixture.backup();
        changeEverything();
        // (outside the suite's schemas, which a backup reads whole: the safety backup would meet them)
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("create sequence public.refused_ends");
            s.execute("create function public.refuse_first_end() returns trigger language plpgsql security definer as "
                    + "$$ begin if nextval('public.refused_ends') = 1 then raise exception 'the write of the restore''s "
                    + "end was refused'; end if; return new; end $$");
            s.execute("create trigger refuse_first_end before update on backup.restore for each row "
                    + "when (new.state = 'SUCCEEDED') execute function public.refuse_first_end()");
        }
        try {
            String restorePath = startRestore(backupId);
            String restoreId = restorePath.substring(restorePath.lastIndexOf('/') + 1);
            JsonPath done = SuiteFixture.awaitJob(restorePath);

            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
            assertThat(done.getList("warnings.code")).containsExactly("RECOVERED");
            assertThat(done.getString("warnings[0].message")).contains("what followed it failed");
            assertThat(SuiteFixture.liveContents()).isEqualTo(atBackup);
            assertThat(maintenanceRows()).isZero();
            try (Connection c = SuiteFixture.superuser()) {
                assertThat(SuiteFixture.count(c, "select count(*) from backup.operation_lock")).isZero();
            }
            List<TopicProbe.Seen> events = TopicProbe.readUntil(TOPIC, r -> restoreId.equals(r.key())
                    && r.type().endsWith("maintenance.ended.v1"), Duration.ofSeconds(20));
            assertThat(events.stream().filter(r -> restoreId.equals(r.key())).map(TopicProbe.Seen::type))
                    .contains("io.timeflow.backup.restore.completed.v1")
                    .doesNotContain("io.timeflow.backup.restore.failed.v1");
        } finally {
            try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
                s.execute("drop trigger refuse_first_end on backup.restore");
                s.execute("drop function public.refuse_first_end()");
                s.execute("drop sequence public.refused_ends");
            }
        }
    }

    @Test
    void aRestoreWhoseReplicaDiedAfterItsSwapIsCompletedAndTheBackupScheduleFollowsTheRestoredOne() throws Exception {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"enabled\": true, \"cron\": \"0 2 * * *\"}")
                .put("/api/v1/backup-schedule").then().statusCode(200);
        try {
            UUID restoreId = UUID.randomUUID();
            try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
                // what the swap had committed when the replica died: the archive's schedule (daily at 05:00, not
                // 02:00) and the restore's swap time; its end was never recorded, its lease ran out
                s.execute("update backup.backup_schedule set cron = '0 5 * * *'");
                s.execute("insert into backup.restore (id, backup_id, state, requested_by, created_at, started_at, "
                        + "safety_backup_id, swapped_at) values ('" + restoreId + "', gen_random_uuid(), 'RUNNING', "
                        + "'someone', now(), now(), gen_random_uuid(), now())");
                s.execute("insert into backup.operation_lock (kind, job_id, holder, acquired_at, heartbeat_at) values "
                        + "('RESTORE', '" + restoreId + "', 'a replica that died', now() - interval '5 minutes', "
                        + "now() - interval '5 minutes')");
            }
            assertThat(recovery.sweep()).contains("RESTORE " + restoreId);

            JsonPath r = given().auth().oauth2(admin()).get("/api/v1/restores/" + restoreId).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(r.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(r.getList("warnings.code")).containsExactly("RECOVERED");
            JsonPath schedule = given().auth().oauth2(admin()).get("/api/v1/backup-schedule").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(schedule.getString("cron")).isEqualTo("0 5 * * *");
            assertThat(Instant.parse(schedule.getString("nextRunAt")).atZone(ZoneOffset.UTC).getHour())
                    .as("the cluster's trigger follows the restored schedule").isEqualTo(5);
        } finally {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"enabled\": false, \"cron\": \"0 2 * * *\"}")
                    .put("/api/v1/backup-schedule").then().statusCode(200);
        }
    }

    @Test
    void aRestoreWhoseReplicaDiedIsRecoveredAndTheSuiteResumesWrites() throws Exception {
        MetricsScrape metricsBefore = MetricsScrape.of(metrics);
        UUID restoreId = UUID.randomUUID();
        String suffix = restoreId.toString().replace("-", "").substring(0, 12);
        Map<String, String> before = SuiteFixture.liveContents();
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("insert into backup.restore (id, backup_id, state, requested_by, created_at, started_at) values ('"
                    + restoreId + "', gen_random_uuid(), 'RUNNING', 'someone', now(), now())");
            s.execute("insert into backup.operation_lock (kind, job_id, holder, acquired_at, heartbeat_at) values "
                    + "('RESTORE', '" + restoreId + "', 'a replica that died', now() - interval '5 minutes', "
                    + "now() - interval '5 minutes')");
            for (String schema : SuiteFixture.SCHEMAS) {
                s.execute("insert into " + schema + ".maintenance (operation, operation_id, reason, started_at, heartbeat_at)"
                        + " values ('RESTORE', '" + restoreId + "', 'test', now(), now())");
                s.execute("create schema " + schema + "_restore_" + suffix + " authorization timeflow_" + schema);
                s.execute("create table " + schema + "_restore_" + suffix + ".half_loaded (id int)");
            }
        }
        assertThat(recovery.sweep()).contains("RESTORE " + restoreId);

        JsonPath r = given().auth().oauth2(admin()).get("/api/v1/restores/" + restoreId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(r.getString("state")).isEqualTo("FAILED");
        assertThat(r.getString("error.code")).isEqualTo("INTERRUPTED");
        assertThat(maintenanceRows()).isZero();
        assertThat(leftoverSchemas()).isEmpty();
        assertThat(SuiteFixture.liveContents()).isEqualTo(before);
        try (Connection c = SuiteFixture.superuser()) {
            assertThat(SuiteFixture.count(c, "select count(*) from backup.operation_lock")).isZero();
        }
        TopicProbe.await(TOPIC, e -> restoreId.toString().equals(e.key()) && e.type().endsWith("maintenance.ended.v1"),
                Duration.ofSeconds(20));

        // the operator's metrics (ADR 155): one restore recovered, ended as failed
        MetricsScrape after = MetricsScrape.of(metrics);
        assertThat(after.since(metricsBefore, "timeflow_jobs_recovered_total", "kind", "restore"))
                .isEqualTo(1);
        assertThat(after.since(metricsBefore, "timeflow_jobs_ended_total", "kind", "restore", "state", "failed"))
                .isEqualTo(1);
    }

    /** An archive of the database at {@code url} made as backup-service makes them, claiming {@code appVersion}. */
    static byte[] archiveOf(String url, String id, String appVersion) throws Exception {
        return archiveOf(url, id, appVersion, java.util.Base64.getDecoder().decode(
                io.timeflow.testing.TimeflowTestResource.TEST_ENCRYPTION_KEY));
    }

    static byte[] archiveOf(String url, String id, String appVersion, byte[] dataKey) throws Exception {
        try (Connection c = SuiteFixture.superuser(url)) {
            return archiveOf(c, id, appVersion, dataKey);
        }
    }

    /**
     * An archive of what session {@code c} sees, in the format of a version with a single data key
     * ({@code dataKey}, null for none): what an earlier version, or another installation, would have made.
     */
    static byte[] archiveOf(Connection c, String id, String appVersion, byte[] dataKey) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean autoCommit = c.getAutoCommit();
        SuiteDumper dumper = autoCommit ? SuiteDumper.begin(c, SuiteFixture.SCHEMAS) : SuiteDumper.within(c, SuiteFixture.SCHEMAS);
        try (ArchiveWriter w = ArchiveWriter.open(out, KeySource.passphrase("correct horse battery staple".toCharArray(),
                100_000), id, appVersion, dumper.snapshotAt(), 1, 0)) {
            dumper.writeTo(w, appVersion, dataKey, dataKey == null ? null : io.timeflow.platform.crypto.SecretCipher.fingerprint(dataKey));
        } finally {
            if (autoCommit) {
                dumper.close();
            }
        }
        return out.toByteArray();
    }
}
