package io.timeflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.client.backup.api.BackupsApi;
import io.timeflow.client.backup.api.DataKeysApi;
import io.timeflow.client.backup.api.RestoresApi;
import io.timeflow.client.backup.model.Backup;
import io.timeflow.client.backup.model.DataKey;
import io.timeflow.client.backup.model.JobState;
import io.timeflow.client.backup.model.KeyRing;
import io.timeflow.client.backup.model.Restore;
import io.timeflow.client.backup.model.RestoreRequest;
import io.timeflow.client.backup.model.Trigger;
import java.io.File;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backup of one installation restored onto a brand-new other one, each with its own data-encryption
 * key and backup passphrase (two suites in this JVM, each with its PostgreSQL, broker and four packaged
 * services), through the generated clients: every table of every schema arrives
 * ({@link SchemaComparison}), the restored secrets work on the new installation (hook commands read
 * with the old installation's agent API key, its viewer key accepted by every service, the plugin
 * password opened by an upgrade), the old installation keeps working, and a key rotation on the new one
 * moves every secret to a new key and retires the old ones, also when a service dies as it starts.
 */
class CrossInstallationIT {

    static final Duration LONG = Duration.ofMinutes(4);

    @Test
    void aBackupRestoresOntoABrandNewInstallationSecretsAndAll() throws Exception {
        Suite a = Suite.shared();
        Suite b = Suite.second();
        assertThat(b.encryptionKey()).isNotEqualTo(a.encryptionKey());
        assertThat(b.backupPassphrase()).isNotEqualTo(a.backupPassphrase());
        CarriedSecrets secrets = new CarriedSecrets(printer());

        CarriedSecrets.Planted planted = secrets.plant(a.endpoints());

        // a backup on A, downloaded, uploaded to B with A's passphrase, restored on B without it
        BackupsApi backupsA = new BackupsApi(a.endpoints().backupClient());
        Backup requested = backupsA.createBackup();
        Backup backup = Poll.until("the backup on A", LONG, () -> backupsA.getBackup(requested.getId()),
                x -> x.getState() != JobState.PENDING && x.getState() != JobState.RUNNING);
        assertThat(backup.getState()).isEqualTo(JobState.SUCCEEDED);
        assertThat(backup.getNotice()).contains("secrets").contains("access-control");
        assertThat(backup.getSchemas()).extracting(s -> s.getSchema()).contains("staging", "snapshot", "plugin", "backup");
        File archive = backupsA.downloadBackupArchive(backup.getId());

        BackupsApi backupsB = new BackupsApi(b.endpoints().backupClient());
        Backup uploaded = backupsB.uploadBackupArchive(archive, a.backupPassphrase());
        assertThat(uploaded.getId()).isEqualTo(backup.getId());
        assertThat(uploaded.getTrigger()).isEqualTo(Trigger.UPLOADED);
        assertThat(uploaded.getKeyFingerprint()).as("stored under B's archive key").isNotEqualTo(backup.getKeyFingerprint());
        RestoresApi restoresB = new RestoresApi(b.endpoints().backupClient());
        Restore started = restoresB.createRestore(new RestoreRequest().backupId(backup.getId())
                .confirm(backup.getId().toString()));
        Restore restored = Poll.until("the restore on B", LONG, () -> restoresB.getRestore(started.getId()),
                r -> r.getState() != JobState.PENDING && r.getState() != JobState.RUNNING);
        assertThat(restored.getState()).as(String.valueOf(restored.getError())).isEqualTo(JobState.SUCCEEDED);

        // every table of every schema
        List<SchemaComparison.Table> tables;
        try (Connection dbA = SchemaComparison.connect(a.jdbcUrl()); Connection dbB = SchemaComparison.connect(b.jdbcUrl())) {
            tables = Poll.until("every table of B to match A's", Duration.ofMinutes(2),
                    () -> SchemaComparison.compare(dbA, dbB, backup.getId().toString(), backup.getSnapshotAt().toInstant()),
                    SchemaComparison::allOk);
        }
        System.out.print(SchemaComparison.report(tables));
        assertThat(tables).filteredOn(t -> t.outcome() == SchemaComparison.Outcome.EQUAL).extracting(SchemaComparison.Table::name)
                .contains("staging.dsource", "staging.restore", "staging.api_key", "snapshot.snapshot", "plugin.plugin_object",
                        "backup.backup_schedule", "backup.api_key");
        assertThat(tables).filteredOn(t -> t.outcome() == SchemaComparison.Outcome.CONTAINED)
                .extracting(SchemaComparison.Table::name).contains("backup.backup", "backup.change_history");

        // B holds A's key beside its own; the restored secrets work on B, and A keeps working
        String keyOfA = keyId(a.encryptionKey());
        String keyOfB = keyId(b.encryptionKey());
        DataKeysApi keysB = new DataKeysApi(b.endpoints().backupClient());
        KeyRing ring = keysB.getKeyRing();
        assertThat(ring.getActiveKeyId()).isEqualTo(keyOfB);
        assertThat(ring.getKeys()).filteredOn(k -> k.getKeyId().equals(keyOfA)).extracting(DataKey::getState)
                .containsExactly("RETAINED");
        secrets.readable(b.endpoints(), planted);
        secrets.usable(b.endpoints(), planted);
        secrets.readable(a.endpoints(), planted);

        // a rotation on B moves every secret to a new key and retires A's key and B's installation key; staging-service
        // is killed as it starts and comes back: the re-seal goes on from what the data says
        KeyRing rotated = keysB.rotateDataKey();
        String newKey = rotated.getActiveKeyId();
        assertThat(newKey).isNotIn(keyOfA, keyOfB);
        b.kill("staging");
        b.restart("staging");
        KeyRing done = Poll.until("the rotation to end in every service", LONG, keysB::getKeyRing,
                r -> !Boolean.TRUE.equals(r.getRotationInProgress()));
        assertThat(done.getKeys()).filteredOn(k -> k.getKeyId().equals(keyOfA)).extracting(DataKey::getState)
                .as("A's key: only the digests of A's API keys still need it").containsExactly("DIGEST_ONLY");
        assertThat(done.getKeys()).filteredOn(k -> k.getKeyId().equals(keyOfB)).extracting(DataKey::getState)
                .containsExactly("RETIRED");
        secrets.readable(b.endpoints(), planted);
    }

    static String keyId(String base64Key) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Key));
        return java.util.HexFormat.of().formatHex(digest, 0, 8);
    }

    static Story.Narrator printer() {
        return new Story.Narrator() {
            @Override
            public void step(String title) {
                System.out.println("[cross-install] " + title);
            }

            @Override
            public void answer(String service, String what) {
                System.out.println("[cross-install]   " + service + ": " + what);
            }
        };
    }
}
