package io.timeflow.backup.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where archives are kept: a local directory (default) or an S3-compatible object store. Archives
 * are written as streams (never held in memory) and appear under their key only once complete.
 */
public interface ArchiveStore {

    /** local or s3. */
    String kind();

    /** Starts writing an archive; it becomes visible under {@code key} only on {@link Upload#commit()}. */
    Upload begin(String key) throws IOException;

    InputStream open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Size in bytes; -1 when absent. */
    long size(String key) throws IOException;

    /** Deletes the archive; deleting one that is absent is not an error. */
    void delete(String key) throws IOException;

    /** An archive being written. */
    interface Upload extends AutoCloseable {
        OutputStream stream();

        /** Makes the archive visible under its key; returns its size. */
        long commit() throws IOException;

        /** Gives the archive up; nothing is left under its key. Safe after a failed commit. */
        void abort();

        @Override
        default void close() {
            abort();
        }
    }

    /** The key of a backup's archive. */
    static String keyOf(String backupId) {
        return backupId + ".tfbk";
    }
}
