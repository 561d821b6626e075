package io.timeflow.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes a test run starts (services, PostgreSQL, the broker), chosen outside the
 * kernel's ephemeral range. A port the kernel hands out for a bind to 0 may be taken as the local
 * port of any outgoing connection before the process binds it, or before a killed process binds it
 * again when it is restarted on the same port (a chaos run's replica failed to start so).
 */
public final class Ports {

    /** Below Linux's ephemeral range (32768-60999), above the ports a suite started by hand uses. */
    public static final int FIRST = 24_000;
    public static final int LAST = 32_000;
    private static final Set<Integer> CHOSEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port nothing listens on now and this JVM has not handed out before. */
    public static int free() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = FIRST + random.nextInt(LAST - FIRST);
            if (CHOSEN.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port)) {
                if (CHOSEN.add(port)) {
                    return port;
                }
            } catch (IOException inUse) {
                // taken: another one
            }
        }
        throw new IOException("no free port between " + FIRST + " and " + LAST);
    }

    /**
     * The first of {@code count} consecutive ports (base aligned on ten) nothing listens on now and this JVM has
     * not handed out before; all of them are handed out.
     */
    public static int freeBlock(int count) throws IOException {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("a block of 1 to 100 ports, not " + count);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int base = FIRST + random.nextInt((LAST - FIRST - count) / 10) * 10;
            if (allFree(base, count) && claim(base, count)) {
                return base;
            }
        }
        throw new IOException("no " + count + " free consecutive ports between " + FIRST + " and " + LAST);
    }

    private static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            if (CHOSEN.contains(p)) {
                return false;
            }
            try (ServerSocket s = new ServerSocket(p)) {
                s.setReuseAddress(true);
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }

    private static synchronized boolean claim(int base, int count) {
        for (int p = base; p < base + count; p++) {
            if (CHOSEN.contains(p)) {
                return false;
            }
        }
        for (int p = base; p < base + count; p++) {
            CHOSEN.add(p);
        }
        return true;
    }
}
