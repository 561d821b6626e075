package io.timeflow.staging;

import static io.timeflow.staging.Api.admin;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.testing.TestTokens;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample bash hook (docs/hooks/restore-and-report.sh) against the running service, with SQL Server
 * replaced by a fake {@code sqlcmd} (hence a unit test of the script): it reports the start with the
 * header's LSNs, restores, reports the completion with what msdb recorded, then the database state;
 * and when the service refuses the start, it restores nothing.
 */
@QuarkusTest
class HookScriptUnitTest {

    static final Path SCRIPT = Path.of("docs/hooks/restore-and-report.sh");
    static final String FORK = "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0";

    @TestHTTPResource("/")
    URL base;

    Path work;
    Path fakeBin;
    Path log;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createTempDirectory(Path.of("target"), "hook-");
        fakeBin = work.resolve("bin");
        Files.createDirectories(fakeBin);
        Path fake = fakeBin.resolve("sqlcmd");
        Files.copy(Path.of("src/test/resources/fake-sqlcmd/sqlcmd"), fake);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        log = work.resolve("queries.log");
    }

    Api.DS linuxDSource() {
        String env = admin().body("""
                        {"name": "hook-env-%s", "host": "stage-linux", "osType": "LINUX", "timeZone": "UTC",
                         "connectorPath": "%s"}""".formatted(UUID.randomUUID(), work.toAbsolutePath().resolve("connector")))
                .post("/api/v1/environments").then().statusCode(201).extract().path("id");
        String repo = admin().body("{\"name\": \"MSSQLSERVER\"}").post("/api/v1/environments/" + env + "/repositories")
                .then().statusCode(201).extract().path("id");
        return Api.link("RESTORING", new Api.Env(env, repo), null);
    }

    int run(Api.DS ds, Map<String, String> fake, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", fakeBin.toAbsolutePath() + ":" + System.getenv("PATH"));
        env.put("TIMEFLOW_URL", base.toString());
        env.put("TIMEFLOW_AGENT_TOKEN", TestTokens.forRoles("agent"));
        env.put("DSOURCE_ID", ds.id());
        env.put("STAGING_DB", "sales_staging");
        env.put("STAGING_MOUNT_BASE", ds.mountBase());
        env.put("SQLCMD_SERVER", "localhost,1433");
        env.put("SQLCMD_USER", "restorer");
        env.put("FAKE_LOG", log.toAbsolutePath().toString());
        env.put("FAKE_MOUNT", ds.mountBase());
        env.putAll(fake);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        System.out.println("[hook] exit " + exit + ": " + output);
        return exit;
    }

    @Test
    void theBashHookRestoresAFullBackupAndReportsItWithTheLsnsFromMsdb() throws Exception {
        Api.DS ds = linuxDSource();
        Files.createDirectories(Path.of(ds.mountBase()));
        int exit = run(ds, Map.of(
                "FAKE_HEADER", "1|34000000016800037|34000000021600001|34000000019200001|0|0|" + FORK,
                "FAKE_RECORDED", "D|34000000016800037|34000000021600001|34000000019200001|0|" + FORK
                        + "|0|2026-11-23T07:50:00Z|2026-11-23T07:50:10Z"),
                "/var/opt/mssql/backup/sp.bak", "--replace");
        assertThat(exit).isZero();
        as("viewer").get("/api/v1/dsources/" + ds.id() + "/restores").then().statusCode(200)
                .body("items[0].status", equalTo("COMPLETED"))
                .body("items[0].backupSet.type", equalTo("FULL"))
                .body("items[0].backupSet.lastLsn", equalTo("34000000021600001"))
                .body("items[0].backupSet.recoveryForkGuid", equalTo(FORK.toLowerCase()))
                .body("items[0].backupSet.backupStartedAt", equalTo("2026-11-23T07:50:00Z"))
                .body("items[0].replace", equalTo(true))
                .body("items[0].move.physicalName", equalTo(List.of(ds.mountBase() + "/sp.mdf", ds.mountBase() + "/sp_log.ldf")))
                .body("items[0].files", equalTo(List.of(ds.mountBase() + "/sp.mdf", ds.mountBase() + "/sp_log.ldf")));
        as("viewer").get("/api/v1/dsources/" + ds.id() + "/staging-database").then().statusCode(200)
                .body("state", equalTo("RESTORING")).body("dataMounted", equalTo(true)).body("filesUnderMountDir", equalTo(true));
        assertThat(Files.readString(log)).contains("WITH NORECOVERY, REPLACE, MOVE N'sp' TO N'" + ds.mountBase() + "/sp.mdf'");
    }

    @Test
    void whenTheServiceRefusesTheStartTheHookRestoresNothing() throws Exception {
        Api.DS ds = linuxDSource();
        // a log backup first: the first restore must be a FULL WITH REPLACE
        int exit = run(ds, Map.of("FAKE_HEADER", "2|100|200|150|50|0|" + FORK, "FAKE_RECORDED", ""),
                "/var/opt/mssql/backup/sp_log.trn");
        assertThat(exit).isEqualTo(1);
        assertThat(Files.readString(log)).contains("RESTORE HEADERONLY").doesNotContain("RESTORE LOG");
        as("viewer").get("/api/v1/dsources/" + ds.id() + "/restores").then().body("total", equalTo(0));
    }

    @Test
    void aFailedRestoreIsReportedFailedWithSqlServersMessage() throws Exception {
        Api.DS ds = linuxDSource();
        int exit = run(ds, Map.of(
                "FAKE_HEADER", "1|100|200|150|0|0|" + FORK,
                "FAKE_RECORDED", "",
                "FAKE_RESTORE_ERROR", "Msg 3201, Level 16, State 2, Server stage, Line 1"),
                "/var/opt/mssql/backup/missing.bak", "--replace");
        assertThat(exit).isEqualTo(1);
        as("viewer").get("/api/v1/dsources/" + ds.id() + "/restores").then()
                .body("items[0].status", equalTo("FAILED"))
                .body("items[0].failureReason", equalTo("Msg 3201, Level 16, State 2, Server stage, Line 1"));
    }
}
