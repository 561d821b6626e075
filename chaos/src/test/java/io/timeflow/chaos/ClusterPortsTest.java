package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run's ports lie outside the kernel's ephemeral range (where an outgoing connection may take them first), each once. */
class ClusterPortsTest {

    @Test
    void portsAreChosenBelowTheEphemeralRangeAndNeverTwice() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            int port = Cluster.freePort();
            assertThat(port).isBetween(io.timeflow.testing.Ports.FIRST, io.timeflow.testing.Ports.LAST - 1).isLessThan(32_768);
            assertThat(ports.add(port)).as("port %d chosen twice", port).isTrue();
        }
    }
}
