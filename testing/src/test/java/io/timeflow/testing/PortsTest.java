package io.timeflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ports handed out for the processes a run starts: below the ephemeral range, free, never handed out twice. */
class PortsTest {

    @Test
    void aBlockIsFreeBelowTheEphemeralRangeAndNeverOverlapsAnotherBlockOrPort() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int base = Ports.freeBlock(10);
            assertEquals(0, base % 10, "a block starts at a multiple of ten: " + base);
            assertTrue(base >= Ports.FIRST && base + 10 <= Ports.LAST, "below the ephemeral range: " + base);
            for (int p = base; p < base + 10; p++) {
                assertTrue(seen.add(p), "port " + p + " handed out twice");
                try (ServerSocket s = new ServerSocket(p)) {
                    assertEquals(p, s.getLocalPort());
                }
            }
            int single = Ports.free();
            assertTrue(seen.add(single), "port " + single + " handed out twice");
        }
    }

    @Test
    void aBlockOfNoPortsOrOfTooManyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ports.freeBlock(0));
        assertThrows(IllegalArgumentException.class, () -> Ports.freeBlock(101));
    }
}
