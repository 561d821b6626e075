package io.timeflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of plugin upgrades in the Prometheus scrape of the management interface: the suite's job
 * metrics of kind {@code plugin-upgrade} count each upgrade (and dry run) accepted, started, and ended by its end
 * state.
 */
@QuarkusTest
class UpgradeMetricsTest {

    @TestHTTPResource(value = "/metrics", management = true) // under the management root, /q
    URL metrics;

    @Test
    void theScrapeCountsEachUpgradeAcceptedStartedAndEndedByItsEndState() {
        JobScrape scrape = new JobScrape(metrics);
        String plugin = Bundle.newId();
        Api.installed(UpgradeRulesTest.v1(plugin));
        Api.object(plugin, "LINKED_SOURCE", "{}");
        Bundle v2 = UpgradeRulesTest.version(plugin, "2", UpgradeRulesTest.tracer("1"));

        JobScrape.Counts before = scrape.counts();
        JsonPath dryRun = Api.upgraded(plugin, v2, true);
        assertThat(dryRun.getString("state")).isEqualTo("SUCCEEDED");
        // a dry run is a job of the same kind
        awaitCounts(scrape, before, new JobScrape.Counts(1, 1, 1, 0, 0));

        JsonPath upgrade = Api.upgraded(plugin, v2, false);
        assertThat(upgrade.getString("state")).isEqualTo("SUCCEEDED");
        awaitCounts(scrape, before, new JobScrape.Counts(2, 2, 2, 0, 0));

        JsonPath raised = Api.upgraded(plugin, UpgradeRulesTest.version(plugin, "3", UpgradeRulesTest.tracer("1") + """
                @plugin.upgrade.linked_source("2")
                def broken(old):
                    raise ValueError("cannot convert")
                """), false);
        assertThat(raised.getString("state")).isEqualTo("FAILED");
        assertThat(raised.getString("error.code")).isEqualTo("MIGRATION_FAILED");
        awaitCounts(scrape, before, new JobScrape.Counts(3, 3, 2, 1, 0));

        // a refused request (422) is no job
        Api.requestUpgrade(plugin, UpgradeRulesTest.v1(plugin).build("2"), false).statusCode(422);
        awaitCounts(scrape, before, new JobScrape.Counts(3, 3, 2, 1, 0));
    }

    /**
     * Waits for the scrape to show {@code moved} since {@code before}: a job's end is counted once the transaction
     * that ended it committed, a moment after the API already shows it.
     */
    static void awaitCounts(JobScrape scrape, JobScrape.Counts before, JobScrape.Counts moved) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(scrape.counts().minus(before)).isEqualTo(moved));
    }
}
