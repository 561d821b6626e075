package io.timeflow.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default store: a directory where an archive appears, readable by its owner only, once complete. */
class LocalDirectoryStoreTest {

    @TempDir
    Path dir;

    @Test
    void anArchiveAppearsOnlyWhenCommittedAndOnlyItsOwnerCanReadIt() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(dir.resolve("backups"));
        try (ArchiveStore.Upload upload = store.begin("a.tfbk")) {
            upload.stream().write("archive bytes".getBytes());
            assertThat(store.exists("a.tfbk")).isFalse();
            upload.stream().close();
            assertThat(upload.commit()).isEqualTo(13);
        }
        assertThat(store.exists("a.tfbk")).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("backups/a.tfbk"))))
                .isEqualTo("rw-------");
        try (InputStream in = store.open("a.tfbk")) {
            assertThat(new String(in.readAllBytes())).isEqualTo("archive bytes");
        }
        store.delete("a.tfbk");
        assertThat(store.size("a.tfbk")).isEqualTo(-1);
    }

    @Test
    void anAbortedArchiveLeavesNothingAndKeysCannotEscapeTheDirectory() throws Exception {
        LocalDirectoryStore store = new LocalDirectoryStore(dir);
        try (ArchiveStore.Upload upload = store.begin("b.tfbk")) {
            upload.stream().write(new byte[1000]);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThatThrownBy(() -> store.open("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.begin("x.tfbk.partial")).isInstanceOf(IllegalArgumentException.class);
    }
}
