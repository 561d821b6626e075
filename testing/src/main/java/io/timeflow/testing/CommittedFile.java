package io.timeflow.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file the repository commits that is generated from the code (a page of problem codes, say): a test keeps it equal
 * to what the code makes, and rewrites it when run with its update flag ({@code -D<flag>=true}), for the change to be
 * reviewed and committed.
 */
public final class CommittedFile {

    private CommittedFile() {
    }

    /** Fails unless {@code file} holds {@code expected}; with {@code -D<updateFlag>=true}, writes it instead. */
    public static void check(Path file, String expected, String updateFlag) throws IOException {
        if (Boolean.getBoolean(updateFlag)) {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            throw new AssertionError(file + " is not committed: run this test with -D" + updateFlag + "=true");
        }
        if (!Files.readString(file, StandardCharsets.UTF_8).equals(expected)) {
            throw new AssertionError(file + " is out of date: run this test with -D" + updateFlag
                    + "=true and commit the result");
        }
    }
}
