package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} passes for the default values, every ci/ scenario and every example. */
class ChartLintTest {

    static List<Chart.Scenario> scenarios() {
        return Chart.allScenarios();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void helmLintStrictFindsNoErrorOrWarning(Chart.Scenario scenario) {
        LintResult result = Chart.lint(scenario);
        assertThat(result.isFailed()).as("helm lint failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).as("lint messages")
                .allSatisfy(message -> assertThat(message).doesNotContain("[ERROR]").doesNotContain("[WARNING]"));
    }
}
