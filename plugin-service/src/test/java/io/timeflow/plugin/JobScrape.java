package io.timeflow.plugin;

import io.timeflow.plugin.domain.UpgradeStore;
import io.timeflow.testing.MetricsScrape;
import java.net.URL;

/**
 * The suite's job metrics of plugin upgrades as an operator reads them: the Prometheus scrape of the management
 * interface ({@code /q/metrics}). Tests compare counts before and after what they do (other tests of the JVM
 * run jobs too), never totals.
 */
final class JobScrape {

    /** Series of the scrape that count plugin upgrades, with their ends by state. */
    record Counts(double accepted, double started, double succeeded, double failed, double recovered) {
        Counts minus(Counts before) {
            return new Counts(accepted - before.accepted, started - before.started, succeeded - before.succeeded,
                    failed - before.failed, recovered - before.recovered);
        }
    }

    private final URL metrics;

    /** @param metrics {@code /q/metrics} of the management interface */
    JobScrape(URL metrics) {
        this.metrics = metrics;
    }

    Counts counts() {
        MetricsScrape scrape = MetricsScrape.of(metrics).only("kind", UpgradeStore.JOB_KIND);
        return new Counts(
                scrape.value("timeflow_jobs_accepted_total"),
                scrape.value("timeflow_jobs_queued_seconds_count"),
                scrape.value("timeflow_jobs_ended_total", "state", "succeeded"),
                scrape.value("timeflow_jobs_ended_total", "state", "failed"),
                scrape.value("timeflow_jobs_recovered_total"));
    }
}
