package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.timeflow.backup.archive.ArchiveWriter;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.engine.SuiteDumper;
import io.timeflow.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a restore does to the catalogue it runs from (ADR 91): the archive's catalogue, restore
 * history and schedule come back, merged into this installation's; the live records win on the same
 * id; what was running at the backup comes in FAILED; another installation's entries are listed, their
 * archives being in that installation's store.
 */
@QuarkusTest
class CatalogueRestoreTest {

    @BeforeAll
    static void suite() throws Exception {
        SuiteFixture.migrateServiceSchemas();
        try (Connection c = SuiteFixture.superuser()) {
            SuiteFixture.fill(c, "catalogue-" + UUID.randomUUID(), 20);
        }
    }

    static String admin() {
        return TestTokens.forRoles("backup-admin");
    }

    @Test
    void aRestoreBringsBackTheCatalogueHistoryAndScheduleBesideThisInstallationsOwnRecords() throws Exception {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"enabled\": true, \"cron\": \"0 3 1 1 *\", \"timeZone\": \"Europe/Paris\", \"keep\": 4}")
                .put("/api/v1/backup-schedule").then().statusCode(200);

        // the archive: this installation's data, plus records the live catalogue will not have by the time it is
        // restored (another installation's scheduled backup, a backup and a restore running at the snapshot)
        UUID foreign = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        UUID runningRestore = UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        byte[] archive;
        try (Connection c = SuiteFixture.superuser()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("insert into backup.backup (id, trigger, state, requested_by, created_at, finished_at, storage,"
                        + " storage_key, size_bytes, app_version, format_version, schemas, scheduled_fire_time, installation_id)"
                        + " values ('" + foreign + "', 'SCHEDULED', 'SUCCEEDED', 'system', now() - interval '2 days',"
                        + " now() - interval '2 days', 'local', '" + foreign + ".tfbk', 1000, '0.1.0', 1, '[]',"
                        + " now() - interval '2 days', '" + UUID.randomUUID() + "')");
                s.execute("insert into backup.backup (id, trigger, state, requested_by, created_at) values ('" + running
                        + "', 'MANUAL', 'RUNNING', 'someone', now())");
                s.execute("insert into backup.restore (id, backup_id, state, requested_by, created_at) values ('"
                        + runningRestore + "', '" + running + "', 'RUNNING', 'someone', now())");
                s.execute("insert into backup.change_history (aggregate_type, aggregate_id, action, summary, actor, actor_role)"
                        + " values ('backup', '" + foreign + "', 'created', 'taken on the other installation', 'system', 'system')");
            }
            archive = archive(c, id);
            c.rollback();
        }
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(archive)
                .post("/api/v1/backups/imports").then().statusCode(201);

        // after the backup, this installation changes its schedule
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"enabled\": false, \"cron\": \"15 4 * * *\", \"keep\": 9}")
                .put("/api/v1/backup-schedule").then().statusCode(200);
        long historyBefore;
        try (Connection c = SuiteFixture.superuser()) {
            historyBefore = SuiteFixture.count(c, "select count(*) from backup.change_history");
        }

        String location = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"backupId\": \"" + id + "\", \"confirm\": \"" + id + "\"}").post("/api/v1/restores")
                .then().statusCode(202).extract().header("Location");
        JsonPath done = SuiteFixture.awaitJob(location.substring(location.indexOf("/api/")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getList("schemas")).contains("backup");
        assertThat(done.getString("steps.find { it.name == 'SWAP' }.detail")).contains("merged");

        // the schedule is the archive's, and the scheduler follows it
        given().auth().oauth2(admin()).get("/api/v1/backup-schedule").then().statusCode(200)
                .body("enabled", equalTo(true)).body("cron", equalTo("0 3 1 1 *")).body("keep", equalTo(4))
                .body("timeZone", equalTo("Europe/Paris"));
        // the archive's records come in; the live ones (the uploaded backup, this restore, its safety backup) stay
        given().auth().oauth2(admin()).get("/api/v1/backups/" + foreign).then().statusCode(200)
                .body("trigger", equalTo("SCHEDULED")).body("state", equalTo("SUCCEEDED"));
        given().auth().oauth2(admin()).get("/api/v1/backups/" + running).then().statusCode(200)
                .body("state", equalTo("FAILED")).body("error.code", equalTo("UNFINISHED_AT_BACKUP"));
        given().auth().oauth2(admin()).get("/api/v1/restores/" + runningRestore).then().statusCode(200)
                .body("state", equalTo("FAILED")).body("error.code", equalTo("UNFINISHED_AT_BACKUP"));
        given().auth().oauth2(admin()).get("/api/v1/backups/" + id).then().statusCode(200)
                .body("trigger", equalTo("UPLOADED")).body("state", equalTo("SUCCEEDED"));
        given().auth().oauth2(admin()).get("/api/v1/backups/" + done.getString("safetyBackupId")).then().statusCode(200)
                .body("trigger", equalTo("SAFETY"));
        given().auth().oauth2(admin()).get("/api/v1/restores/" + done.getString("id")).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED"));
        given().auth().oauth2(admin()).get("/api/v1/backups/" + foreign + "/history").then().statusCode(200)
                .body("items.summary", org.hamcrest.Matchers.hasItem("taken on the other installation"));
        try (Connection c = SuiteFixture.superuser()) {
            assertThat(SuiteFixture.count(c, "select count(*) from backup.change_history"))
                    .as("this installation's history kept beside the archive's").isGreaterThan(historyBefore);
            assertThat(SuiteFixture.count(c, "select count(*) from backup.operation_lock")).isZero();
        }

        // the other installation's archive is in its own store, not this one's
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"backupId\": \"" + foreign + "\", \"confirm\": \"" + foreign + "\"}").post("/api/v1/restores")
                .then().statusCode(409).body("code", equalTo("ARCHIVE_MISSING"));
        // uploading that archive (as the other installation's operator hands it over) makes it the entry's archive here
        byte[] foreignArchive;
        try (Connection c = SuiteFixture.superuser()) {
            c.setAutoCommit(false);
            foreignArchive = archive(c, foreign.toString());
            c.rollback();
        }
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(foreignArchive)
                .post("/api/v1/backups/imports").then().statusCode(200)
                .body("id", equalTo(foreign.toString())).body("trigger", equalTo("SCHEDULED")).body("state", equalTo("SUCCEEDED"))
                .body("steps.find { it.name == 'UPLOAD' }.detail", org.hamcrest.Matchers.containsString("missing"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/backups/" + foreign + "/verification").then().statusCode(200);
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(foreignArchive)
                .post("/api/v1/backups/imports").then().statusCode(409).body("code", equalTo("BACKUP_EXISTS"));

        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"enabled\": false, \"cron\": \"0 2 * * *\"}").put("/api/v1/backup-schedule").then().statusCode(200);
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            // the records this test made up leave the catalogue the other tests count
            s.execute("delete from backup.restore where id = '" + runningRestore + "'");
            s.execute("delete from backup.backup where id in ('" + foreign + "', '" + running + "')");
        }
    }

    @Test
    void anEarlierVersionsArchiveWithoutTheCatalogueKeepsItButBringsItsApiKeysToBackupService() throws Exception {
        // another installation's key
        byte[] otherKey = new byte[32];
        new java.security.SecureRandom().nextBytes(otherKey);
        String otherId = io.timeflow.platform.crypto.KeyRing.idOf(otherKey);
        String id = UUID.randomUUID().toString();
        SuiteFixture.Sealed sealed;
        byte[] archive;
        try (Connection c = SuiteFixture.superuser()) {
            c.setAutoCommit(false);
            // an API key that installation's staging-service issued (digested as an earlier version did, no key id), in
            // an archive of the service schemas alone, as versions before backups carried backup-service's schema made them
            sealed = SuiteFixture.sealedDSource(c, otherKey);
            archive = RestoreTest.archiveOf(c, id, "0.1.0", otherKey);
            c.rollback();
        }
        String key = io.timeflow.platform.security.apikey.ApiKeyFormat.PREFIX + sealed.apiKeyId().toString().replace("-", "")
                + "_" + sealed.apiKeySecret();
        given().header("Authorization", "Bearer " + key).get("/api/v1/backups").then().statusCode(401);
        given().auth().oauth2(admin()).contentType("application/octet-stream").body(archive)
                .post("/api/v1/backups/imports").then().statusCode(201);
        long catalogue;
        try (Connection c = SuiteFixture.superuser()) {
            catalogue = SuiteFixture.count(c, "select count(*) from backup.backup");
        }

        String location = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"backupId\": \"" + id + "\", \"confirm\": \"" + id + "\"}").post("/api/v1/restores")
                .then().statusCode(202).extract().header("Location");
        JsonPath done = SuiteFixture.awaitJob(location.substring(location.indexOf("/api/")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getList("schemas")).doesNotContain("backup");
        assertThat(done.getString("steps.find { it.name == 'SWAP' }.detail")).contains("API keys taken from the restored");

        // the key the archive brought is known to backup-service: an agent's key is recognised (and refused the
        // catalogue, which agents may not read); the catalogue is this installation's, with the restore's safety backup
        given().header("Authorization", "Bearer " + key).get("/api/v1/backups").then().statusCode(403);
        try (Connection c = SuiteFixture.superuser(); Statement s = c.createStatement()) {
            assertThat(SuiteFixture.count(c, "select count(*) from backup.api_key where key_id = ?", sealed.apiKeyId())).isOne();
            assertThat(SuiteFixture.count(c, "select count(*) from backup.data_key where key_id = ?", otherId)).isOne();
            assertThat(SuiteFixture.count(c, "select count(*) from backup.backup")).isEqualTo(catalogue + 1);
            s.execute("delete from staging.dsource where id = '" + sealed.dsourceId() + "'");
            s.execute("delete from staging.api_key where key_id = '" + sealed.apiKeyId() + "'");
            s.execute("delete from backup.api_key where key_id = '" + sealed.apiKeyId() + "'");
        }
        SuiteFixture.forgetKeyRings();
    }

    /** An archive of what {@code c}'s open transaction sees, with backup-service's schema. */
    static byte[] archive(Connection c, String id) throws Exception {
        List<String> schemas = new ArrayList<>(SuiteFixture.SCHEMAS);
        schemas.add("backup");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SuiteDumper dumper = SuiteDumper.within(c, schemas);
        try (ArchiveWriter w = ArchiveWriter.open(out, KeySource.passphrase("correct horse battery staple".toCharArray(),
                100_000), id, "0.1.0", dumper.snapshotAt(), 1, 0)) {
            dumper.writeTo(w, "0.1.0", List.of(), null);
        }
        return out.toByteArray();
    }
}
