package io.timeflow.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.platform.jobs.JobCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit test (no service): what a catalogue gives a client's authors, and what it refuses. */
class ProblemCatalogueTest {

    enum Own implements ProblemCode {
        LSN_GAP(422, "The first LSN is | not the last LSN"),
        NOT_FOUND(404, "taken by the common codes");

        private final Entry entry;

        Own(int status, String meaning) {
            this.entry = new Entry(status, meaning);
        }

        @Override
        public Entry entry() {
            return entry;
        }
    }

    @Test
    void commonCodesComeFirstThenTheServicesOwn() {
        ProblemCatalogue catalogue = new ProblemCatalogue("x-service", List.of(CommonProblem.VALIDATION_FAILED, Own.LSN_GAP));

        assertThat(catalogue.extension()).extracting(e -> e.get("code")).containsExactly("VALIDATION_FAILED", "LSN_GAP");
        assertThat(catalogue.extension().get(1)).containsEntry("status", 422).containsEntry("title", "Refused by a rule");
        assertThat(ProblemCatalogue.of("x-service", new ProblemCode[] {Own.LSN_GAP}).codes())
                .startsWith(CommonProblem.values()).endsWith(Own.LSN_GAP);
    }

    @Test
    void aCodeListedTwiceIsRefused() {
        assertThatThrownBy(() -> ProblemCatalogue.of("x-service", Own.values()))
                .hasMessage("x-service lists problem code NOT_FOUND twice");
    }

    @Test
    void thePageIsATableWhoseCellsCannotBreakIt() {
        String page = new ProblemCatalogue("x-service", List.of(Own.LSN_GAP)).markdown();

        assertThat(page).startsWith("# Problem codes of x-service")
                .contains("| `LSN_GAP` | 422 | Refused by a rule | The first LSN is \\| not the last LSN |");
    }

    /** A code of a job's result, as a service declares them. */
    enum JobOutcome implements JobCode {
        SAFETY_BACKUP("Taken by a restore before it replaced the data");

        private final String meaning;

        JobOutcome(String meaning) {
            this.meaning = meaning;
        }

        @Override
        public String meaning() {
            return meaning;
        }
    }

    @Test
    void theCodesOfJobsResultsFollowTheProblemsOnThePageAndEachIsListedOnce() {
        ProblemCatalogue catalogue = new ProblemCatalogue("x-service", List.of(Own.LSN_GAP))
                .withJobCodes(JobOutcome.values());
        String page = catalogue.markdown();

        assertThat(page.indexOf("| `LSN_GAP` |")).isLessThan(page.indexOf("## Codes in jobs' results"));
        assertThat(page).contains("| `SAFETY_BACKUP` | Taken by a restore before it replaced the data |");
        assertThat(new ProblemCatalogue("x-service", List.of(Own.LSN_GAP)).markdown()).doesNotContain("jobs' results");
        assertThatThrownBy(() -> catalogue.withJobCodes(JobOutcome.values()))
                .hasMessage("x-service lists job code SAFETY_BACKUP twice");
        assertThat(new Warning(JobOutcome.SAFETY_BACKUP, "taken by restore r1")).isEqualTo(
                new Warning("SAFETY_BACKUP", "taken by restore r1"));
    }

    @Test
    void anExceptionTakesStatusTitleAndTypeFromItsEntry() {
        ProblemException e = ProblemException.of(Own.LSN_GAP, "restore r2 starts at 12, the chain ends at 10");

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("LSN_GAP");
        assertThat(e.title()).isEqualTo("Refused by a rule");
        assertThat(e.problem().type()).isEqualTo("urn:timeflow:problem:lsn-gap");
        assertThatThrownBy(() -> ProblemCode.titleOf(503)).isInstanceOf(IllegalArgumentException.class);
    }
}
