package io.timeflow.backup.archive;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Binary COPY data for tests of other packages. */
public final class ArchiveFormatTestData {

    private ArchiveFormatTestData() {
    }

    public static byte[] copyData(int rows) {
        try {
            return ArchiveFormatTest.copyData(rows, 11);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
