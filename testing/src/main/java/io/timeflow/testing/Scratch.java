package io.timeflow.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the suites a run starts (tests, the fault run, the launcher's training, the image build) make and throw
 * away: random secrets, and directories removed whole.
 */
public final class Scratch {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Scratch() {
    }

    /** {@code n} random bytes, for keys. */
    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** {@code n} random bytes as URL-safe Base64 without padding, for passwords and passphrases. */
    public static String randomText(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(n));
    }

    /** Removes a directory and everything in it (links are removed, not followed); nothing when it is absent. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
