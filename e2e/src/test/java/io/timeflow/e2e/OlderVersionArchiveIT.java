package io.timeflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.client.backup.api.BackupsApi;
import io.timeflow.client.backup.api.RestoresApi;
import io.timeflow.client.backup.model.Backup;
import io.timeflow.client.backup.model.JobState;
import io.timeflow.client.backup.model.Restore;
import io.timeflow.client.backup.model.RestoreRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A newer version restores an older one's backup, end to end: an archive taken by a build of an earlier
 * commit (committed as a fixture under {@code src/test/resources/fixtures/older-archive/}, made by
 * {@code e2e/bin/timeflow-cross-install --a-checkout <older worktree> --save-fixture ...}, with the
 * secrets it planted) is uploaded to and restored by this build's suite, which has another
 * data-encryption key: the data is upgraded by the migrations on the way in, the restored secrets work
 * (hooks, API keys, the plugin password), and every service works on the data (a restore, a SnapSync,
 * an upgrade, a backup). The full run against a real older build is the script itself.
 */
class OlderVersionArchiveIT {

    static final String FIXTURE = "/fixtures/older-archive/";

    @Test
    void aBackupOfAnOlderVersionRestoresOntoThisOneSecretsAndAll() throws Exception {
        Suite b = Suite.second();
        Path dir = Files.createTempDirectory("older-archive");
        Path archive = copy("archive.tfbk", dir);
        CarriedSecrets.Planted planted = CarriedSecrets.Planted.read(copy("planted.json", dir));
        String passphrase = Files.readString(copy("passphrase.txt", dir), StandardCharsets.UTF_8).strip();
        String commit = Files.readString(copy("commit.txt", dir), StandardCharsets.UTF_8).strip();
        System.out.println("[older-archive] an archive of " + commit);

        BackupsApi backups = new BackupsApi(b.endpoints().backupClient());
        Backup uploaded = backups.uploadBackupArchive(archive.toFile(), passphrase);
        RestoresApi restores = new RestoresApi(b.endpoints().backupClient());
        Restore started = restores.createRestore(new RestoreRequest().backupId(uploaded.getId())
                .confirm(uploaded.getId().toString()));
        Restore done = Poll.until("the restore of the older archive", Duration.ofMinutes(4),
                () -> restores.getRestore(started.getId()), r -> r.getState() != JobState.PENDING && r.getState() != JobState.RUNNING);
        assertThat(done.getState()).as(String.valueOf(done.getError())).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.getUpgraded()).as("the older data brought to this version by the migrations").isTrue();

        CarriedSecrets secrets = new CarriedSecrets(CrossInstallationIT.printer());
        secrets.readable(b.endpoints(), planted);
        secrets.usable(b.endpoints(), planted);
    }

    private static Path copy(String name, Path dir) throws Exception {
        try (InputStream in = OlderVersionArchiveIT.class.getResourceAsStream(FIXTURE + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }
}
