package io.timeflow.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A fixed piece of CPU work timed on one thread: SHA-256 over 1 GiB (a 1 MiB buffer hashed 1,024 times), best of
 * three. Printed with each run before and after it, so that two runs' figures are compared only where the machine was
 * as fast for both: on the machines of 2026-12-07 the same build measured 867 and 374 reports/s in two runs half an
 * hour apart.
 */
final class MachineSpeed {

    private static final int MIB = 1 << 20;

    private MachineSpeed() {
    }

    /** Seconds of the fastest of three passes. */
    static double seconds() {
        byte[] buffer = new byte[MIB];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) (i * 31 + 7);
        }
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            long t0 = System.nanoTime();
            hash(buffer);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private static void hash(byte[] buffer) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < 1024; i++) {
                sha.update(buffer);
            }
            if (sha.digest().length != 32) {
                throw new IllegalStateException("SHA-256 gave an unexpected digest");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
