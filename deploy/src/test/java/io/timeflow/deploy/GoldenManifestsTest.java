package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code helm template} prints for the default values and each ci/ scenario is committed under
 * src/test/resources/golden/. A change to the chart shows up as a change to these files in review;
 * this test fails until they are rewritten with {@code mvn -pl deploy -am test -Dchart.update=true}.
 */
class GoldenManifestsTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");

    static List<Chart.Scenario> scenarios() {
        return Chart.ciScenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void renderedManifestsMatchTheCommittedGoldenFile(Chart.Scenario scenario) throws IOException {
        Path golden = GOLDEN.resolve(scenario.name() + ".yaml");
        String rendered = Chart.template(scenario);
        if (Boolean.getBoolean("chart.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden).as("%s is committed (run mvn -pl deploy -am test -Dchart.update=true)", golden).exists();
        assertThat(rendered)
                .as("%s is out of date: run mvn -pl deploy -am test -Dchart.update=true and review the diff", golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void everyGoldenFileBelongsToAScenario() throws IOException {
        List<String> expected = scenarios().stream().map(s -> s.name() + ".yaml").sorted().toList();
        if (Boolean.getBoolean("chart.update")) {
            try (Stream<Path> files = Files.list(GOLDEN)) {
                for (Path stale : files.filter(p -> !expected.contains(p.getFileName().toString())).toList()) {
                    Files.delete(stale);
                }
            }
            return;
        }
        try (Stream<Path> files = Files.list(GOLDEN)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("golden files without a scenario are stale").isEqualTo(expected);
        }
    }
}
