package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void theSliceOfAViolationIsTheOperationsOnItsObjectsAndTheFaultsBetweenThem() {
        Histories h = new Histories();
        h.ok("agent-0", "restore.start", Map.of("restore", "r0"));
        h.fault("kill", Map.of("replica", "plugin-1"));
        h.ok("agent-1", "restore.start", Map.of("restore", "r1"));
        h.fault("kill", Map.of("replica", "staging-0"));
        h.ok("agent-0", "restore.complete", Map.of("restore", "r0"));
        h.unknown("agent-1", "restore.complete", Map.of("restore", "r1"));
        h.fault("broker.stop", Map.of("broker", "kafka"));
        h.ok("agent-1", "restore.start", Map.of("restore", "r2"));

        List<Op> slice = h.history().slice(List.of("r1"), 40);

        assertThat(slice).extracting(Op::f).containsExactly("restore.start", "kill", "restore.complete");
        assertThat(slice.get(1).key("replica")).isEqualTo("staging-0");
    }

    @Test
    void aLongSliceKeepsItsLatestLines() {
        Histories h = new Histories();
        for (int i = 0; i < 10; i++) {
            h.ok("agent-0", "staging.report", Map.of("dsource", "d"));
        }

        assertThat(h.history().slice(List.of("d"), 3)).extracting(Op::index).containsExactly(7L, 8L, 9L);
    }
}
