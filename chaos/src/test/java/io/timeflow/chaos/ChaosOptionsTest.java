package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

    @Test
    void defaultsAreTenMinutesTwoReplicasFaultsAndFreePorts() {
        ChaosOptions o = ChaosOptions.parse(List.of(), Map.of("TIMEFLOW_HOME", "/tmp/tf"));

        assertThat(o.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.replicas()).isEqualTo(2);
        assertThat(o.faults()).isTrue();
        assertThat(o.portBase()).isZero();
        assertThat(o.dataDir().toString()).isEqualTo("/tmp/tf/chaos/target/run-" + o.seed());
    }

    @Test
    void flagsSetMinutesSeedReplicasAndPorts() {
        ChaosOptions o = ChaosOptions.parse(List.of("--minutes", "0.5", "--seed", "42", "--replicas", "3",
                "--port-base", "26000", "--no-faults", "--data-dir", "/tmp/x"), Map.of());

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.replicas()).isEqualTo(3);
        assertThat(o.portBase()).isEqualTo(26000);
        assertThat(o.faults()).isFalse();
        assertThat(o.dataDir().toString()).isEqualTo("/tmp/x");
    }

    @Test
    void badValuesAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> ChaosOptions.parse(List.of("--replicas", "4"), Map.of()))
                .hasMessageContaining("--replicas");
        assertThatThrownBy(() -> ChaosOptions.parse(List.of("--minutes", "zero"), Map.of()))
                .hasMessageContaining("--minutes");
        assertThatThrownBy(() -> ChaosOptions.parse(List.of("--seed"), Map.of()))
                .hasMessageContaining("--seed needs a value");
        assertThatThrownBy(() -> ChaosOptions.parse(List.of("--fast"), Map.of()))
                .hasMessageContaining("unknown option --fast");
    }
}
