package io.timeflow.plugin.domain;

import io.timeflow.events.plugin.UpgradeFailed;
import io.timeflow.events.plugin.UpgradeStarted;
import io.timeflow.events.plugin.UpgradeSucceeded;
import io.timeflow.platform.jobs.JobLeases;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.Actor;
import io.timeflow.plugin.bundle.PluginBundle;
import io.timeflow.plugin.persistence.ObjectRepository;
import io.timeflow.plugin.persistence.PluginRepository;
import io.timeflow.plugin.persistence.UpgradeReportRepository;
import io.timeflow.plugin.persistence.UpgradeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The transactions of an upgrade job, each short: creating it (and starting the plugin's upgrade,
 * announced by {@code upgrade.started}), reading objects batch by batch, writing the per-object
 * report, and ending it. The commit writes every migrated object, the new version, the plugin's
 * new state and {@code upgrade.succeeded} in one transaction; a failure writes nothing but the
 * report, the plugin's return to ACTIVE and {@code upgrade.failed}. Each transaction that accepts, starts or
 * ends an upgrade (or a dry run: a job of the same kind) records it in the suite's {@link JobMetrics} under
 * {@link #JOB_KIND}, when it commits.
 */
@ApplicationScoped
public class UpgradeStore {

    private static final Logger LOG = Logger.getLogger(UpgradeStore.class);
    /** The kind of job upgrades (and dry runs) are in the suite's job metrics. */
    public static final String JOB_KIND = "plugin-upgrade";
    /** The leases of upgrades: which replica runs one (ADR 0121, 0158); the namespace "TFUP" of their advisory locks. */
    public static final JobLeases.Space LEASES = new JobLeases.Space(JOB_KIND, 0x54465550);

    /** What a job needs to know when it starts. */
    public record Started(Upgrade upgrade, PluginVersion fromVersion, long objects) {
    }

    private final PluginRepository plugins;
    private final UpgradeRepository upgrades;
    private final ObjectRepository objects;
    private final UpgradeReportRepository report;
    private final Outbox outbox;
    private final Clock clock;
    private final JobMetrics metrics;

    @Inject
    public UpgradeStore(PluginRepository plugins, UpgradeRepository upgrades, ObjectRepository objects,
            UpgradeReportRepository report, Outbox outbox, Clock clock, JobMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
        this.plugins = plugins;
        this.upgrades = upgrades;
        this.objects = objects;
        this.report = report;
        this.outbox = outbox;
    }

    /**
     * Records a requested upgrade after checking it against the installed version. A real upgrade
     * also marks the plugin UPGRADING (waiting for object writes under way to end) and publishes
     * {@code upgrade.started}; a dry run changes nothing.
     *
     * @throws ProblemException 404, 409 {@code UPGRADE_IN_PROGRESS}, 422 for the rules of the plan
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Upgrade create(UUID upgradeId, String pluginId, PluginBundle bundle, MigrationSet candidate, boolean dryRun,
            String requestedBy) {
        Plugin plugin = (dryRun ? plugins.find(pluginId) : plugins.findForUpdate(pluginId))
                .orElseThrow(() -> ProblemException.notFound("plugin", pluginId));
        PluginVersion installed = plugins.version(plugin.currentVersionId()).orElseThrow();
        UpgradePlan plan = UpgradePlan.between(BuildNumber.parse(installed.buildNumber()),
                MigrationSet.of(PluginService.migrationsOf(installed.migrationsJson())),
                bundle.config().buildNumber(), candidate);
        if (!dryRun && plugin.state() == PluginState.UPGRADING) {
            UUID running = plugin.upgradeId().orElseThrow();
            throw ProblemException.of(PluginProblem.UPGRADE_IN_PROGRESS, "plugin " + pluginId
                            + " is already being upgraded (upgrade " + running + "); one upgrade of a plugin runs at a time")
                    .with("pluginId", pluginId)
                    .with("upgradeId", running.toString());
        }
        Instant now = clock.instant();
        Upgrade upgrade = new Upgrade(upgradeId, pluginId, dryRun,
                new Upgrade.Versions(installed.id(), installed.externalVersion(), installed.buildNumber(),
                        bundle.config().externalVersion(), bundle.config().buildNumber().spelling()),
                bundle.archive(), PluginService.migrationsJson(plan.toRun()), requestedBy, now);
        upgrades.add(upgrade);
        if (!dryRun) {
            plugin.upgradeStarted(upgrade.id(), now);
            outbox.publish(new UpgradeStarted(pluginId, upgrade.id().toString(), installed.externalVersion(),
                    bundle.config().externalVersion(), now));
        }
        upgrades.flush();
        metrics.accepted(upgrade);
        LOG.infof("%s of plugin %s from %s to %s requested (%s): %d new migrations", dryRun ? "dry run" : "upgrade",
                pluginId, installed.externalVersion(), bundle.config().externalVersion(), upgrade.id(),
                plan.toRun().size());
        return upgrade;
    }

    /** RUNNING, with the number of objects to go through. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Started start(UUID upgradeId) {
        Upgrade upgrade = upgrades.findForUpdate(upgradeId).orElseThrow();
        long total = objects.count(upgrade.pluginId(), null, false);
        upgrade.started(total, clock.instant());
        metrics.started(upgrade);
        PluginVersion from = plugins.version(upgrade.fromVersionId()).orElseThrow();
        return new Started(upgrade, from, total);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<ObjectRepository.Stored> objectsAfter(String pluginId, ObjectType type, UUID afterId, int limit) {
        return objects.after(pluginId, type, afterId, limit);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void saveBatch(UUID upgradeId, List<ReportLine> rows, long done, long failed) {
        report.insert(upgradeId, rows);
        upgrades.progress(upgradeId, done, failed);
    }

    /** A dry run went through every object: SUCCEEDED, nothing else changes. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void dryRunSucceeded(UUID upgradeId, String output) {
        Upgrade upgrade = upgrades.findForUpdate(upgradeId).orElseThrow();
        upgrade.succeeded(null, output, clock.instant());
        ended(upgrade);
    }

    /**
     * Commits an upgrade: every object as migrated, the new version and the plugin's return to
     * ACTIVE on it, and {@code upgrade.succeeded}, in this one transaction.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void commit(UUID upgradeId, PluginBundle bundle, MigrationSet migrations, List<String> operations,
            String output) {
        Upgrade upgrade = upgrades.findForUpdate(upgradeId).orElseThrow();
        String pluginId = upgrade.pluginId();
        long missing = report.objectsNotCovered(upgradeId, pluginId);
        if (missing > 0) {
            throw new IllegalStateException(missing + " objects of plugin " + pluginId
                    + " have no migrated form in upgrade " + upgradeId);
        }
        Instant now = clock.instant();
        // objects first, plugin row last: object writes (refused while UPGRADING) only ever wait for the
        // plugin row briefly, never for the whole rewrite of the objects
        int written = report.apply(upgradeId, pluginId, now);
        Plugin plugin = plugins.findForUpdate(pluginId).orElseThrow();
        now = clock.instant();
        UUID versionId = UUID.randomUUID();
        plugins.addVersion(new PluginVersion(versionId, plugin.id(),
                PluginService.versionContent(bundle, migrations, operations), now, upgrade.requestedBy(), upgradeId));
        plugin.upgradeEnded(upgradeId, versionId, bundle.config().name(), now);
        upgrade.succeeded(versionId, output, now);
        ended(upgrade);
        outbox.publish(new UpgradeSucceeded(plugin.id(), upgradeId.toString(), upgrade.fromVersion(),
                upgrade.toVersion(), written, now), Actor.SYSTEM);
        LOG.infof("upgrade %s of plugin %s to %s committed: %d objects written", upgradeId, plugin.id(),
                upgrade.toVersion(), written);
    }

    /**
     * Ends an upgrade that failed: the report stays, nothing else changed; a real upgrade gives the
     * plugin back (ACTIVE on its installed version) and publishes {@code upgrade.failed}.
     *
     * @return whether this call ended it (false when it had already ended)
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean fail(UUID upgradeId, UpgradeCode code, String message, String output) {
        Upgrade upgrade = upgrades.findForUpdate(upgradeId).orElseThrow();
        if (upgrade.state().finished()) {
            return false;
        }
        Instant now = clock.instant();
        upgrade.failed(code, message, output, now);
        ended(upgrade);
        if (!upgrade.dryRun()) {
            Plugin plugin = plugins.findForUpdate(upgrade.pluginId()).orElseThrow();
            if (plugin.upgradeId().filter(upgradeId::equals).isPresent()) {
                plugin.upgradeEnded(upgradeId, null, null, now);
            }
            outbox.publish(new UpgradeFailed(upgrade.pluginId(), upgradeId.toString(), upgrade.fromVersion(),
                    upgrade.toVersion(), code.name(), message, now), Actor.SYSTEM);
        }
        LOG.infof("%s %s of plugin %s failed (%s); nothing was changed", upgrade.dryRun() ? "dry run" : "upgrade",
                upgradeId, upgrade.pluginId(), code.name());
        return true;
    }

    /** Records in the job metrics that the upgrade reached its terminal state (when the transaction commits). */
    private void ended(Upgrade upgrade) {
        metrics.ended(upgrade);
    }

    /** The bundle of an upgrade that has not ended (to load it again when the job has no loaded runtime). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public byte[] bundleOf(UUID upgradeId) {
        return upgrades.find(upgradeId).orElseThrow().bundle();
    }

    /** Upgrades that have not ended: running on some replica, or left by one that stopped. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<UUID> unfinished() {
        return upgrades.unfinished().stream().map(Upgrade::id).toList();
    }
}
