package io.timeflow.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.backup.archive.ArchiveReader;
import io.timeflow.backup.archive.ArchiveWriter;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.archive.Manifest;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archives in an S3-compatible object store, against a real one (S3Proxy) that the test starts:
 * streamed in parts larger than one, read back whole, invisible until committed, gone after an
 * abort or a delete.
 */
class S3StoreTest {

    static S3ProxyServer server;
    static S3Store store;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        store = new S3Store(new S3Store.Settings(server.endpoint(), "timeflow-backups", "suite-a", "us-east-1",
                S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL, true, 5 << 20));
        store.ensureBucket();
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anArchiveLargerThanOnePartIsStreamedUpAndReadBackWhole() throws Exception {
        String key = ArchiveStore.keyOf(UUID.randomUUID().toString());
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(7);
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (ArchiveStore.Upload upload = store.begin(key)) {
            for (int i = 0; i < 13; i++) {
                random.nextBytes(chunk);
                upload.stream().write(chunk);
                written.update(chunk);
                size += chunk.length;
            }
            assertThat(store.exists(key)).as("invisible before commit").isFalse();
            assertThat(upload.commit()).isEqualTo(size);
        }
        assertThat(store.size(key)).isEqualTo(size);
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = store.open(key)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.update(buffer, 0, n);
            }
        }
        assertThat(read.digest()).isEqualTo(written.digest());
        store.delete(key);
        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anAbortedUploadLeavesNothing() throws Exception {
        String key = ArchiveStore.keyOf(UUID.randomUUID().toString());
        try (ArchiveStore.Upload upload = store.begin(key)) {
            upload.stream().write(new byte[6 << 20]);
            upload.abort();
        }
        assertThat(store.exists(key)).isFalse();
        assertThat(store.size(key)).isEqualTo(-1);
    }

    @Test
    void anArchiveWrittenToTheStoreIsReadAndCheckedFromIt() throws Exception {
        String id = UUID.randomUUID().toString();
        String key = ArchiveStore.keyOf(id);
        KeySource keys = KeySource.passphrase("s3 test passphrase".toCharArray(), 100_000);
        byte[] copy = io.timeflow.backup.archive.ArchiveFormatTestData.copyData(20_000);
        try (ArchiveStore.Upload upload = store.begin(key)) {
            try (ArchiveWriter w = ArchiveWriter.open(upload.stream(), keys, id, "0.1.0", Instant.now(), 1, 0)) {
                Manifest head = w.head(new Manifest(1, id, "0.1.0", Instant.now(), null, null, List.of(
                        new Manifest.SchemaEntry("staging", "1", List.of("1"),
                                List.of(new Manifest.TableEntry("t", List.of("a", "b"), -1, null)), List.of()))), null, null);
                ArchiveWriter.TableSink t = w.table("staging", "t");
                t.write(copy);
                String sha = t.finish(20_000);
                w.finish(new Manifest(1, id, "0.1.0", head.snapshotAt(), head.archiveKeyFingerprint(), null, List.of(
                        new Manifest.SchemaEntry("staging", "1", List.of("1"),
                                List.of(new Manifest.TableEntry("t", List.of("a", "b"), 20_000, sha)), List.of()))));
            }
            upload.commit();
        }
        try (InputStream in = store.open(key)) {
            ArchiveReader.Result r = ArchiveReader.read(in, keys, ArchiveReader.VERIFY);
            assertThat(r.manifest().totalRows()).isEqualTo(20_000);
            assertThat(r.compressedBytes()).isEqualTo(store.size(key));
        }
    }
}
