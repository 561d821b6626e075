package io.timeflow.plugin.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.platform.db.ConstraintViolated;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.CurrentActor;
import io.timeflow.plugin.bundle.PluginBundle;
import io.timeflow.plugin.persistence.PluginRepository;
import io.timeflow.plugin.persistence.UpgradeReportRepository;
import io.timeflow.plugin.persistence.UpgradeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Upgrades of plugins, as jobs: a request checks the new bundle (it must load, increase the build
 * number and keep every installed migration id), records the upgrade and hands it to the
 * {@link UpgradeRunner}; its state, counts and per-object report can be read at any time.
 */
@ApplicationScoped
public class UpgradeService {

    private final PluginLoader loader;
    private final UpgradeStore store;
    private final UpgradeRunner runner;
    private final PluginRepository plugins;
    private final UpgradeRepository upgrades;
    private final UpgradeReportRepository report;
    private final CurrentActor actor;
    private final JobLeases leases;

    @Inject
    public UpgradeService(PluginLoader loader, UpgradeStore store, UpgradeRunner runner, PluginRepository plugins,
            UpgradeRepository upgrades, UpgradeReportRepository report, CurrentActor actor, JobLeases leases) {
        this.loader = loader;
        this.store = store;
        this.runner = runner;
        this.plugins = plugins;
        this.upgrades = upgrades;
        this.report = report;
        this.actor = actor;
        this.leases = leases;
    }

    /**
     * Requests an upgrade (or a dry run) of the plugin to the bundle's version.
     *
     * @throws ProblemException 404, 409 while another upgrade of the plugin runs, 422 for a bundle
     *                          that does not load or breaks a rule of upgrades
     */
    public Upgrade request(String pluginId, byte[] zip, boolean dryRun) {
        if (!QuarkusTransaction.requiringNew().call(() -> plugins.find(pluginId).isPresent())) {
            throw ProblemException.notFound("plugin", pluginId);
        }
        PluginBundle bundle = loader.read(zip);
        if (!bundle.config().id().equals(pluginId)) {
            throw ProblemException.of(PluginProblem.PLUGIN_ID_MISMATCH, "the bundle is a version of plugin "
                    + bundle.config().id() + ", not of plugin " + pluginId)
                    .with("bundlePluginId", bundle.config().id());
        }
        PluginLoader.Loaded loaded = loader.load(bundle);
        // the lease says which replica runs the upgrade: taken before the upgrade exists, held until it ends
        UUID upgradeId = UUID.randomUUID();
        JobLeases.Lease lease = leases.take(UpgradeStore.LEASES, upgradeId);
        try {
            Upgrade upgrade;
            try {
                upgrade = store.create(upgradeId, pluginId, bundle, loaded.migrations(), dryRun, actor.get().subject());
            } catch (PersistenceException e) {
                if (!ConstraintViolated.by(e, "upgrade_one_running_per_plugin")) {
                    throw e;
                }
                throw ProblemException.of(PluginProblem.UPGRADE_IN_PROGRESS, "plugin " + pluginId
                        + " is already being upgraded; one upgrade of a plugin runs at a time")
                        .with("pluginId", pluginId);
            }
            runner.submit(upgrade.id(), loaded, lease);
            return upgrade;
        } catch (RuntimeException e) {
            loaded.close();
            lease.close();
            throw e;
        }
    }

    @Transactional
    public Upgrade get(String pluginId, UUID upgradeId) {
        return upgrades.find(upgradeId).filter(u -> u.pluginId().equals(pluginId))
                .orElseThrow(() -> ProblemException.notFound("upgrade", upgradeId));
    }

    @Transactional
    public List<Upgrade> page(String pluginId, int offset, int limit) {
        plugins.find(pluginId).orElseThrow(() -> ProblemException.notFound("plugin", pluginId));
        return upgrades.page(pluginId, offset, limit);
    }

    @Transactional
    public long count(String pluginId) {
        return upgrades.count(pluginId);
    }

    /** A page of the per-object report; {@code outcome} (MIGRATED, UNCHANGED, FAILED, NOT_RUN) filters when given. */
    @Transactional
    public List<ReportLine> report(String pluginId, UUID upgradeId, String outcome, int offset,
            int limit) {
        get(pluginId, upgradeId);
        return report.page(upgradeId, outcome, offset, limit);
    }

    @Transactional
    public long reportCount(UUID upgradeId, String outcome) {
        return report.count(upgradeId, outcome);
    }
}
