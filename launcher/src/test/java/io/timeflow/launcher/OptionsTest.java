package io.timeflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `./timeflow up` accepts: flags, then environment variables, then the defaults of the README. */
class OptionsTest {

    static final Map<String, String> PROJECT = Map.of("TIMEFLOW_HOME", "..");

    @Test
    void defaultsAreTheReadmesPortsAndTheProjectsDataDirectory() {
        Options o = Options.parse(List.of(), PROJECT);
        assertThat(o.httpPort("staging")).isEqualTo(8081);
        assertThat(o.httpPort("snapshot")).isEqualTo(8082);
        assertThat(o.httpPort("plugin")).isEqualTo(8083);
        assertThat(o.httpPort("backup")).isEqualTo(8084);
        assertThat(o.managementPort("backup")).isEqualTo(9084);
        assertThat(o.postgresPort()).isEqualTo(15432);
        assertThat(o.kafkaPort()).isEqualTo(19092);
        assertThat(o.dataDir()).isEqualTo(Path.of("..").toAbsolutePath().normalize().resolve(".timeflow"));
        assertThat(o.services()).containsExactly("staging", "snapshot", "plugin", "backup");
    }

    @Test
    void theConsoleListensOnTheBasesThemselvesUnlessTurnedOff() {
        Options o = Options.parse(List.of("--http-port-base", "28080", "--management-port-base", "28090"), PROJECT);
        assertThat(o.console()).as("the checkout has a console module").isTrue();
        assertThat(o.consolePort()).isEqualTo(28080);
        assertThat(o.consoleManagementPort()).isEqualTo(28090);
        assertThat(o.httpPort("staging")).isEqualTo(28081);
        assertThat(Options.parse(List.of("--no-console"), PROJECT).console()).isFalse();
    }

    @Test
    void environmentVariablesMoveThePortsAndTheDataDirectory() {
        Options o = Options.parse(List.of(), Map.of("TIMEFLOW_HOME", "..", "TIMEFLOW_HTTP_PORT_BASE", "7280",
                "TIMEFLOW_MANAGEMENT_PORT_BASE", "7380", "TIMEFLOW_POSTGRES_PORT", "7432", "TIMEFLOW_KAFKA_PORT",
                "7092", "TIMEFLOW_DATA_DIR", "/tmp/tf-env"));
        assertThat(o.httpPort("staging")).isEqualTo(7281);
        assertThat(o.managementPort("plugin")).isEqualTo(7383);
        assertThat(o.postgresPort()).isEqualTo(7432);
        assertThat(o.kafkaPort()).isEqualTo(7092);
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/tf-env"));
    }

    @Test
    void flagsWinOverTheEnvironment() {
        Options o = Options.parse(List.of("--http-port-base", "6280", "--data-dir", "/tmp/tf-flag", "--services",
                "staging,backup"), Map.of("TIMEFLOW_HOME", "..", "TIMEFLOW_HTTP_PORT_BASE", "7280"));
        assertThat(o.httpPort("backup")).isEqualTo(6284);
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/tf-flag"));
        assertThat(o.services()).containsExactly("staging", "backup");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Options.parse(List.of("--http-port-base", "eighty"), PROJECT))
                .hasMessageContaining("--http-port-base").hasMessageContaining("port number");
        assertThatThrownBy(() -> Options.parse(List.of("--data-dir"), PROJECT)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(List.of("--services", "staging,inventory"), PROJECT))
                .hasMessageContaining("unknown service 'inventory'");
        assertThatThrownBy(() -> Options.parse(List.of("--verbose"), PROJECT))
                .hasMessageContaining("unknown option --verbose");
        assertThatThrownBy(() -> Options.parse(List.of(), Map.of("TIMEFLOW_HOME", "..", "TIMEFLOW_KAFKA_PORT", "99999")))
                .hasMessageContaining("TIMEFLOW_KAFKA_PORT");
    }

    @Test
    void portsTwoProcessesWouldShareAreRefusedBeforeAnythingStarts() {
        // the bench's old defaults: snapshot-service's management port (18090 + 2) was the broker's
        assertThatThrownBy(() -> Options.parse(List.of("--http-port-base", "18080", "--management-port-base", "18090",
                "--postgres-port", "18432", "--kafka-port", "18092"), PROJECT))
                .hasMessageContaining("port 18092").hasMessageContaining("snapshot-service (management)")
                .hasMessageContaining("the Kafka broker");
        assertThatThrownBy(() -> Options.parse(List.of("--http-port-base", "7000", "--management-port-base", "7003"),
                PROJECT)).hasMessageContaining("port 7003");
        Options o = Options.parse(List.of("--http-port-base", "18080", "--management-port-base", "18090",
                "--postgres-port", "18432", "--kafka-port", "18192"), PROJECT);
        assertThat(o.kafkaPort()).isEqualTo(18192);
    }

    @Test
    void theAgentStartsOnlyWhenAskedAndNeedsStagingAndSnapshotService() {
        assertThat(Options.parse(List.of(), PROJECT).agent()).isFalse();
        assertThat(Options.parse(List.of("--agent"), PROJECT).agent()).isTrue();
        Map<String, String> env = new java.util.HashMap<>(PROJECT);
        env.put("TIMEFLOW_AGENT", "true");
        assertThat(Options.parse(List.of(), env).agent()).isTrue();
        assertThatThrownBy(() -> Options.parse(List.of("--agent", "--services", "plugin,backup"), PROJECT))
                .hasMessageContaining("--agent needs staging-service and snapshot-service");
    }
}
