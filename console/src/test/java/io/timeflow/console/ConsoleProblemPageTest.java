package io.timeflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.console.api.ConsoleProblem;
import io.timeflow.testing.CommittedFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Unit test (no service): the console service's own problem codes as its users read them. The committed page
 * {@code docs/problems/console.md} is the enum's (run with {@code -Dproblems.update=true} to rewrite it).
 */
class ConsoleProblemPageTest {

    @Test
    void theCommittedPageIsTheEnums() throws Exception {
        CommittedFile.check(Path.of("../docs/problems/console.md"), ConsoleProblem.markdown(), "problems.update");
    }

    @Test
    void eachCodeHasTheStatusAndTypeTheConsoleAnswersWith() {
        assertThat(ConsoleProblem.TOO_MANY_STREAMS.status()).isEqualTo(503);
        assertThat(ConsoleProblem.SERVICE_UNAVAILABLE.status()).isEqualTo(502);
        assertThat(ConsoleProblem.NOT_FOUND.type()).isEqualTo("urn:timeflow:problem:not-found");
        assertThat(ConsoleProblem.TOO_MANY_STREAMS.type()).isEqualTo("urn:timeflow:problem:too-many-streams");
    }
}
