package io.timeflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    static final Map<String, String> ENV = Map.of(
            "TIMEFLOW_STAGING_URL", "http://staging:8081/",
            "TIMEFLOW_SNAPSHOT_URL", "http://snapshot:8082",
            "TIMEFLOW_AGENT_API_KEY", "tfk_id_secret",
            "TIMEFLOW_AGENT_CONNECTOR_PATH", "C:\\Program Files\\Delphix\\DelphixConnector",
            "TIMEFLOW_AGENT_OS", "windows",
            "TIMEFLOW_AGENT_TIME_ZONE", "Europe/Paris",
            "TIMEFLOW_AGENT_INSTANCES", "MSSQLSERVER=jdbc:sqlserver://localhost:1433;encrypt=true SALES=jdbc:sqlserver://localhost:1434",
            "TIMEFLOW_AGENT_WATCH_INTERVAL", "30s");

    @Test
    void flagsWinOverEnvironmentVariablesWhichWinOverDefaults() {
        AgentConfig c = AgentConfig.from(List.of("--watch-interval", "5s", "--name=sqlstage-01", "--environment", "stage"),
                ENV);
        assertThat(c.watchInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.name()).isEqualTo("sqlstage-01");
        assertThat(c.stagingUrl().toString()).isEqualTo("http://staging:8081");
        assertThat(c.osType()).isEqualTo("WINDOWS");
        assertThat(c.separator()).isEqualTo('\\');
        assertThat(c.instances()).containsEntry("SALES", "jdbc:sqlserver://localhost:1434").hasSize(2);
        assertThat(c.standInMode()).isFalse();
    }

    @Test
    void secretsAreRefusedAsFlagsSoTheyDoNotShowInTheProcessList() {
        assertThatThrownBy(() -> AgentConfig.from(List.of("--api-key", "tfk_x"), ENV))
                .hasMessageContaining("TIMEFLOW_AGENT_API_KEY");
        assertThatThrownBy(() -> AgentConfig.from(List.of("--sql-password=x"), ENV))
                .hasMessageContaining("TIMEFLOW_AGENT_SQL_PASSWORD");
    }

    @Test
    void aMissingOrMalformedSettingIsNamed() {
        Map<String, String> noKey = new java.util.HashMap<>(ENV);
        noKey.remove("TIMEFLOW_AGENT_API_KEY");
        assertThatThrownBy(() -> AgentConfig.from(List.of(), noKey)).hasMessageContaining("API key");
        assertThatThrownBy(() -> AgentConfig.from(List.of("--snapshot-url", "not a url"), ENV))
                .hasMessageContaining("--snapshot-url");
        assertThatThrownBy(() -> AgentConfig.from(List.of("--lease", "soon"), ENV)).hasMessageContaining("--lease");
        assertThatThrownBy(() -> AgentConfig.from(List.of("--instance", "NOURL"), ENV))
                .hasMessageContaining("JDBC URL");
    }

    @Test
    void theStandInModeNeedsNoJdbcUrlAndPutsTheConnectorPathInItsDirectory() {
        AgentConfig c = AgentConfig.from(List.of("--stand-in", "/tmp/host", "--os", "LINUX"),
                Map.of("TIMEFLOW_STAGING_URL", "http://s", "TIMEFLOW_SNAPSHOT_URL", "http://n",
                        "TIMEFLOW_AGENT_API_KEY", "tfk_a_b"));
        assertThat(c.standInMode()).isTrue();
        assertThat(c.connectorPath()).isEqualTo("/tmp/host/connector");
        assertThat(c.instances()).containsOnlyKeys("MSSQLSERVER");
    }
}
