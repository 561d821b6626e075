package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventJson;
import io.timeflow.events.backup.BackupCreated;
import io.timeflow.events.backup.BackupDeleted;
import io.timeflow.testing.MetricsScrape;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TopicProbe;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Backups through the API: the job, its archive, download, verification, upload, deletion, and who may do what. */
@QuarkusTest
class BackupApiTest {

    static final String TOPIC = "timeflow.backup.v1";
    static final Path STORE = Path.of("target/test-backups");

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @BeforeAll
    static void suite() throws Exception {
        SuiteFixture.migrateServiceSchemas();
        try (Connection c = SuiteFixture.superuser()) {
            SuiteFixture.fill(c, "api-" + UUID.randomUUID(), 200);
        }
    }

    static String admin() {
        return TestTokens.forRoles("backup-admin");
    }

    @Test
    void aBackupIsAJobWhoseEncryptedArchiveHoldsEverySchemaAndIsAnnounced() throws Exception {
        MetricsScrape before = MetricsScrape.of(metrics);
        String location = given().auth().oauth2(admin()).when().post("/api/v1/backups")
                .then().statusCode(202)
                .body("state", equalTo("PENDING"))
                .body("trigger", equalTo("MANUAL"))
                .header("Location", containsString("/api/v1/backups/"))
                .extract().header("Location");
        JsonPath done = SuiteFixture.awaitJob(location.substring(location.indexOf("/api/")));
        String id = done.getString("id");
        assertThat(done.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(done.getString("appVersion")).isEqualTo("0.1.0");
        assertThat(done.getList("schemas.schema")).as("every service's schema and backup-service's own")
                .containsExactly("staging", "snapshot", "backup");
        SuiteMigrations bundled = SuiteMigrations.bundled();
        assertThat(done.getList("schemas.migrationVersion")).containsExactly(
                bundled.latestVersion("staging").orElseThrow(), bundled.latestVersion("snapshot").orElseThrow(),
                bundled.latestVersion("backup").orElseThrow());
        assertThat(done.getString("notice")).contains("secrets").contains("access-control");
        assertThat(done.getLong("dataBytes")).isPositive();
        assertThat(done.getLong("databaseBytes")).isGreaterThan(done.getLong("dataBytes"));
        assertThat(done.getString("keyFingerprint")).matches("[0-9a-f]{16}");
        assertThat(done.getString("dataKeyFingerprint")).matches("[0-9a-f]{16}");
        assertThat(done.getLong("totalRows")).isGreaterThanOrEqualTo(800);
        assertThat(done.getList("steps.name")).contains("ARCHIVE");

        // the operator's metrics: one backup accepted, started and ended as succeeded (ADR 155)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(MetricsScrape.of(metrics).since(before, "timeflow_jobs_ended_total", "kind", "backup", "state", "succeeded"))
                .isEqualTo(1));
        MetricsScrape after = MetricsScrape.of(metrics);
        assertThat(after.since(before, "timeflow_jobs_accepted_total", "kind", "backup"))
                .isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_queued_seconds_count", "kind", "backup"))
                .isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_duration_seconds_count", "kind", "backup", "state", "succeeded"))
                .isEqualTo(1);
        assertThat(after.since(before, "timeflow_jobs_ended_total", "kind", "backup", "state", "failed"))
                .isZero();

        Path archive = STORE.resolve(id + ".tfbk");
        byte[] bytes = Files.readAllBytes(archive);
        assertThat(bytes.length).isEqualTo(done.getLong("sizeBytes"));
        String asText = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(asText).startsWith("TFBACKUP").doesNotContain("sqlstage-").doesNotContain("DelphixConnector");

        TopicProbe.Seen seen = TopicProbe.await(TOPIC, r -> id.equals(r.key())
                && "io.timeflow.backup.backup.created.v1".equals(r.type()), Duration.ofSeconds(20));
        assertThat(seen.headers()).containsEntry(CloudEventHeaders.SOURCE, "/timeflow/backup-service")
                .containsEntry(CloudEventHeaders.ACTOR, "backup-admin-user");
        BackupCreated event = EventJson.read(seen.value(), BackupCreated.class);
        assertThat(event.trigger()).isEqualTo("MANUAL");
        assertThat(event.sizeBytes()).isEqualTo(bytes.length);
        assertThat(event.schemas()).extracting(BackupCreated.SchemaVersion::schema)
                .containsExactly("staging", "snapshot", "backup");
    }

    @Test
    void downloadNeedsBackupAdminWhileViewersMayListAndRead() throws Exception {
        String id = SuiteFixture.backup();
        String viewer = TestTokens.forRoles("viewer");
        given().auth().oauth2(viewer).get("/api/v1/backups/" + id).then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(viewer).get("/api/v1/backups").then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(viewer).get("/api/v1/backups/" + id + "/archive")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.forRoles("operator")).get("/api/v1/backups/" + id + "/archive")
                .then().statusCode(403);
        given().auth().oauth2(viewer).post("/api/v1/backups").then().statusCode(403);
        given().get("/api/v1/backups").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));

        byte[] downloaded = given().auth().oauth2(admin()).get("/api/v1/backups/" + id + "/archive")
                .then().statusCode(200).header("Content-Disposition", containsString(id))
                .extract().asByteArray();
        assertThat(downloaded).isEqualTo(Files.readAllBytes(STORE.resolve(id + ".tfbk")));
    }

    @Test
    void verificationReadsTheWholeArchiveAndNamesWhatIsWrong() throws Exception {
        String id = SuiteFixture.backup();
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/backups/" + id + "/verification")
                .then().statusCode(200).body("valid", equalTo(true)).body("backupId", equalTo(id));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"passphrase\": \"not the passphrase at all\"}")
                .post("/api/v1/backups/" + id + "/verification")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("WRONG_PASSPHRASE"))
                .body(not(containsString("not the passphrase")));

        Path archive = STORE.resolve(id + ".tfbk");
        byte[] original = Files.readAllBytes(archive);
        byte[] flipped = original.clone();
        flipped[original.length / 2] ^= 0x10;
        Files.write(archive, flipped);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/backups/" + id + "/verification")
                .then().statusCode(422).body("code", equalTo("ARCHIVE_TAMPERED"));
        Files.write(archive, Arrays.copyOf(original, original.length - 100));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/backups/" + id + "/verification")
                .then().statusCode(422).body("code", equalTo("ARCHIVE_TRUNCATED"));
        Files.write(archive, original);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/backups/" + id + "/verification").then().statusCode(200);
    }

    @Test
    void anArchiveUploadedBackIsCheckedWholeAndBecomesARestorableBackup() throws Exception {
        String id = SuiteFixture.backup();
        byte[] archive = given().auth().oauth2(admin()).get("/api/v1/backups/" + id + "/archive")
                .then().statusCode(200).extract().asByteArray();
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(archive)
                .post("/api/v1/backups/imports").then().statusCode(409).body("code", equalTo("BACKUP_EXISTS"));
        given().auth().oauth2(admin()).delete("/api/v1/backups/" + id).then().statusCode(204);

        byte[] tampered = archive.clone();
        tampered[archive.length - 40] ^= 1;
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(tampered)
                .post("/api/v1/backups/imports").then().statusCode(422).body("code", equalTo("ARCHIVE_TAMPERED"));
        given().auth().oauth2(admin()).contentType("application/octet-stream").body("not an archive".getBytes())
                .post("/api/v1/backups/imports").then().statusCode(422).body("code", equalTo("NOT_AN_ARCHIVE"));
        given().auth().oauth2(admin()).get("/api/v1/backups/" + id).then().statusCode(404);
        try (Stream<Path> files = Files.list(STORE)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("upload-"))
                    .noneMatch(n -> n.equals(id + ".tfbk"));
        }

        given().auth().oauth2(admin()).contentType("application/octet-stream").body(archive)
                .post("/api/v1/backups/imports")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/backups/" + id))
                .body("id", equalTo(id)).body("trigger", equalTo("UPLOADED")).body("state", equalTo("SUCCEEDED"))
                .body("notice", containsString("secrets"));
        // stored written again under this installation's archive key: the same data, checked whole
        byte[] stored = Files.readAllBytes(STORE.resolve(id + ".tfbk"));
        assertThat(new String(stored, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("TFBACKUP");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/backups/" + id + "/verification").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void anArchiveMadeWithAnotherPassphraseIsStoredUnderThisInstallationsKeySoItsRestoreNeedsNoOtherPassphrase()
            throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] archive;
        try (java.sql.Connection c = SuiteFixture.superuser()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            io.timeflow.backup.engine.SuiteDumper dumper = io.timeflow.backup.engine.SuiteDumper.begin(c, SuiteFixture.SCHEMAS);
            try (io.timeflow.backup.archive.ArchiveWriter w = io.timeflow.backup.archive.ArchiveWriter.open(out,
                    io.timeflow.backup.archive.KeySource.passphrase("another installation's passphrase".toCharArray(), 100_000),
                    id, "0.1.0", dumper.snapshotAt(), 1, 0)) {
                dumper.writeTo(w, "0.1.0", java.util.List.of(), null);
            } finally {
                dumper.close();
            }
            archive = out.toByteArray();
        }
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(archive)
                .post("/api/v1/backups/imports").then().statusCode(422).body("code", equalTo("WRONG_PASSPHRASE"));
        String original = io.timeflow.backup.archive.ArchiveReader.header(new java.io.ByteArrayInputStream(archive))
                .keyFingerprint();
        given().auth().oauth2(admin()).contentType("application/octet-stream")
                .header("Timeflow-Archive-Passphrase", "another installation's passphrase").body(archive)
                .post("/api/v1/backups/imports").then().statusCode(201)
                .body("keyFingerprint", not(equalTo(original)))
                .body("steps[0].detail", containsString("under this installation's archive key"))
                .body(not(containsString("another installation's passphrase")));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/backups/" + id + "/verification").then().statusCode(200);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"passphrase\": \"another installation's passphrase\"}")
                .post("/api/v1/backups/" + id + "/verification").then().statusCode(200);
        given().auth().oauth2(admin()).delete("/api/v1/backups/" + id).then().statusCode(204);
    }

    @Test
    void deletingABackupRemovesItsArchiveAndIsAnnounced() {
        String id = SuiteFixture.backup();
        assertThat(STORE.resolve(id + ".tfbk")).exists();
        given().auth().oauth2(TestTokens.forRoles("viewer")).delete("/api/v1/backups/" + id).then().statusCode(403);
        given().auth().oauth2(admin()).delete("/api/v1/backups/" + id).then().statusCode(204);
        assertThat(STORE.resolve(id + ".tfbk")).doesNotExist();
        given().auth().oauth2(admin()).get("/api/v1/backups/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(admin()).delete("/api/v1/backups/" + id).then().statusCode(404);
        TopicProbe.Seen seen = TopicProbe.await(TOPIC, r -> id.equals(r.key())
                && "io.timeflow.backup.backup.deleted.v1".equals(r.type()), Duration.ofSeconds(20));
        assertThat(EventJson.read(seen.value(), BackupDeleted.class).reason()).isEqualTo("MANUAL");
    }

    @Test
    void badRequestsAre4xxProblems() {
        given().auth().oauth2(admin()).get("/api/v1/backups/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin()).get("/api/v1/backups/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(admin()).queryParam("limit", 0).get("/api/v1/backups")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().auth().oauth2(admin()).queryParam("state", "NAPPING").get("/api/v1/backups")
                .then().statusCode(404);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"passphrase\": 3}")
                .post("/api/v1/backups/" + UUID.randomUUID() + "/verification")
                .then().statusCode(400).body("errors[0].field", equalTo("passphrase"));
    }

    @Test
    void duringMaintenanceWritesAre503WithAClearProblemAndReadsGoOn() throws Exception {
        String operation = UUID.randomUUID().toString();
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            s.execute("insert into backup.maintenance (operation, operation_id, reason, started_at, heartbeat_at) values "
                    + "('RESTORE', '" + operation + "', 'a test', now(), now())");
        }
        try {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body("{\"enabled\": false, \"cron\": \"0 2 * * *\"}")
                    .put("/api/v1/backup-schedule")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "30")
                    .body("code", equalTo("MAINTENANCE_IN_PROGRESS"))
                    .body("type", equalTo("urn:timeflow:problem:maintenance-in-progress"))
                    .body("context.operationId", equalTo(operation))
                    .body("detail", containsString("writes are refused"));
            given().auth().oauth2(admin()).post("/api/v1/backups").then().statusCode(503);
            given().auth().oauth2(admin()).get("/api/v1/backup-schedule").then().statusCode(200);
            given().auth().oauth2(admin()).get("/api/v1/backups").then().statusCode(200);

            // a maintenance whose holder stopped renewing it no longer blocks writes
            try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
                s.execute("update backup.maintenance set heartbeat_at = now() - interval '1 hour'");
            }
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body("{\"enabled\": false, \"cron\": \"0 2 * * *\"}")
                    .put("/api/v1/backup-schedule").then().statusCode(200);
        } finally {
            try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
                s.execute("delete from backup.maintenance");
            }
        }
    }
}
