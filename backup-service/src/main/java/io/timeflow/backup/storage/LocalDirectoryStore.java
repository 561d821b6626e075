package io.timeflow.backup.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * Archives as files in one directory, readable by the service's user only. A file is written as
 * {@code <key>.partial}, forced to disk and renamed atomically on commit, so a crash never leaves a
 * half-written archive under its real name.
 */
public final class LocalDirectoryStore implements ArchiveStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    private final Path directory;

    public LocalDirectoryStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String kind() {
        return "local";
    }

    private Path pathOf(String key) {
        if (!KEY.matcher(key).matches() || key.endsWith(".partial")) {
            throw new IllegalArgumentException("not an archive key");
        }
        return directory.resolve(key);
    }

    @Override
    public Upload begin(String key) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(directory);
        Path partial = directory.resolve(key + ".partial");
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions protect it
        }
        OutputStream out = new java.io.FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (channel.isOpen()) {
                    channel.force(true);
                    channel.close();
                }
            }
        };
        return new Upload() {
            private boolean done;

            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public long commit() throws IOException {
                if (channel.isOpen()) {
                    channel.force(true);
                    channel.close();
                }
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
                done = true;
                return Files.size(target);
            }

            @Override
            public void abort() {
                if (done) {
                    return;
                }
                done = true;
                try {
                    channel.close();
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // a leftover .partial file is never read as an archive
                }
            }
        };
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(pathOf(key));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("archive " + key + " is not in the backup directory");
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public long size(String key) throws IOException {
        Path p = pathOf(key);
        return Files.isRegularFile(p) ? Files.size(p) : -1;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }
}
