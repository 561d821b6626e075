package io.timeflow.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.testing.TestTokens;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command line (bin/timeflow-backup): back up, list, download, verify and restore without writing HTTP by hand. */
@QuarkusTest
class CliTest {

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void suite() throws Exception {
        SuiteFixture.migrateServiceSchemas();
        try (Connection c = SuiteFixture.superuser()) {
            SuiteFixture.fill(c, "cli-" + UUID.randomUUID(), 20);
        }
    }

    record Result(int exit, String out, String err) {
    }

    /** A file for this test run, removed when the test JVM exits (archives hold the suite's secrets, encrypted). */
    static Path temp(String prefix, String suffix) throws java.io.IOException {
        Path file = Files.createTempFile(prefix, suffix);
        file.toFile().deleteOnExit();
        return file;
    }

    Result cli(String token, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "bin/timeflow-backup"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("TIMEFLOW_BACKUP_URL", base.toString().replaceAll("/$", ""));
        env.put("TIMEFLOW_TOKEN", token);
        Path err = temp("cli", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Result(exit, out, Files.readString(err));
    }

    @Test
    void aBackupAndARestoreFromTheCommandLine() throws Exception {
        String admin = TestTokens.forRoles("backup-admin");
        Map<String, String> atBackup = SuiteFixture.liveContents();
        Result backup = cli(admin, "backup");
        assertThat(backup.exit()).as(backup.err()).isZero();
        String id = backup.out().trim();
        assertThat(id).matches("[0-9a-f-]{36}");

        assertThat(cli(TestTokens.forRoles("viewer"), "list").out()).contains(id);
        Result verify = cli(admin, "verify", id);
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("\"valid\":true");

        assertThat(backup.err()).as("the operator is told what an archive holds").contains("holds the suite's secrets")
                .contains("access-control");
        Path file = temp("archive", ".tfbk");
        Result download = cli(admin, "download", id, "-o", file.toString());
        assertThat(download.exit()).isZero();
        assertThat(download.err()).contains("holds the suite's secrets");
        assertThat(new String(Files.readAllBytes(file), 0, 8, StandardCharsets.ISO_8859_1)).isEqualTo("TFBACKUP");
        Path.of(file + ".viewer").toFile().deleteOnExit();
        Result viewerDownload = cli(TestTokens.forRoles("viewer"), "download", id, "-o", file + ".viewer");
        assertThat(viewerDownload.exit()).isEqualTo(1);
        assertThat(viewerDownload.err()).contains("403").contains("FORBIDDEN");

        Result unconfirmed = cli(admin, "restore", id);
        assertThat(unconfirmed.exit()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("--confirm " + id);

        try (Connection c = SuiteFixture.superuser()) {
            SuiteFixture.fill(c, "cli-after-" + UUID.randomUUID(), 5);
        }
        Result restore = cli(admin, "restore", id, "--confirm", id);
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("\"state\":\"SUCCEEDED\"");
        assertThat(SuiteFixture.liveContents()).isEqualTo(atBackup);

        Result schedule = cli(admin, "schedule", "--cron", "30 1 * * *", "--keep", "7", "--off");
        assertThat(schedule.exit()).as(schedule.err()).isZero();
        assertThat(schedule.out()).contains("\"keep\":7");
        Result bad = cli(admin, "schedule", "--cron", "whenever");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("VALIDATION_FAILED");
    }

    @Test
    void anArchiveOfAnotherInstallationIsUploadedWithThatInstallationsSecretsFileAsThePassphraseFile() throws Exception {
        String id = UUID.randomUUID().toString();
        String otherPassphrase = "the-other-installation-" + UUID.randomUUID();
        byte[] archive;
        try (Connection c = SuiteFixture.superuser()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            io.timeflow.backup.engine.SuiteDumper dumper = io.timeflow.backup.engine.SuiteDumper.begin(c, SuiteFixture.SCHEMAS);
            try (io.timeflow.backup.archive.ArchiveWriter w = io.timeflow.backup.archive.ArchiveWriter.open(out,
                    io.timeflow.backup.archive.KeySource.passphrase(otherPassphrase.toCharArray(), 100_000), id, "0.1.0",
                    dumper.snapshotAt(), 1, 0)) {
                dumper.writeTo(w, "0.1.0", List.of(), null);
            } finally {
                dumper.close();
            }
            archive = out.toByteArray();
        }
        Path file = temp("other", ".tfbk");
        Files.write(file, archive);
        // the other installation's data directory holds its passphrase in secrets/secrets.properties
        Path secrets = temp("secrets", ".properties");
        Files.writeString(secrets, "#Timeflow local secrets\nencryption.key=xyz\nbackup.passphrase=" + otherPassphrase + "\n");
        String admin = TestTokens.forRoles("backup-admin");

        Result refused = cli(admin, "upload", file.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("WRONG_PASSPHRASE");
        Result uploaded = cli(admin, "upload", file.toString(), "--passphrase-file", secrets.toString());
        assertThat(uploaded.exit()).as(uploaded.err()).isZero();
        assertThat(uploaded.out()).contains("\"id\":\"" + id + "\"").contains("\"trigger\":\"UPLOADED\"")
                .doesNotContain(otherPassphrase);
        assertThat(uploaded.err()).contains("holds the suite's secrets").doesNotContain(otherPassphrase);
        Result verify = cli(admin, "verify", id);
        assertThat(verify.exit()).as("stored under this installation's key: no passphrase needed any more").isZero();
        Result ring = cli(admin, "key-ring");
        assertThat(ring.exit()).isZero();
        assertThat(ring.out()).contains("\"activeKeyId\"");
    }
}
