package io.timeflow.platform.upgrades;

import io.timeflow.events.TimeflowEvent;
import io.timeflow.events.plugin.UpgradeFailed;
import io.timeflow.events.plugin.UpgradeStarted;
import io.timeflow.events.plugin.UpgradeSucceeded;
import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Zero-downtime plugin upgrades, as the plugin upgrade rules describe them: while an upgrade of plugin P runs,
 * administrative operations on the objects bound to P are refused; reads go on and other plugins
 * are unaffected. A service feeds {@link #apply} from {@code timeflow.plugin.v1} (inside its
 * consumer's transaction) and calls {@link #assertNotUpgrading} before an administrative operation.
 */
@ApplicationScoped
public class PluginUpgradeGuard {

    private static final Logger LOG = Logger.getLogger(PluginUpgradeGuard.class);

    /** An upgrade under way. */
    public record RunningUpgrade(String pluginId, String upgradeId, String fromVersion, String toVersion) {
    }

    private final EntityManager em;

    @Inject
    public PluginUpgradeGuard(EntityManager em) {
        this.em = em;
    }

    /** Applies an event of {@code timeflow.plugin.v1}; other events are ignored. Call in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(TimeflowEvent event) {
        switch (event) {
            case UpgradeStarted started -> {
                em.createNativeQuery("""
                        insert into plugin_upgrade_guard (plugin_id, upgrade_id, from_version, to_version, started_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (plugin_id) do update set upgrade_id = excluded.upgrade_id,
                            from_version = excluded.from_version, to_version = excluded.to_version,
                            started_at = excluded.started_at""")
                        .setParameter(1, started.pluginId())
                        .setParameter(2, started.upgradeId())
                        .setParameter(3, started.fromVersion())
                        .setParameter(4, started.toVersion())
                        .setParameter(5, started.startedAt())
                        .executeUpdate();
                LOG.infof("plugin %s is being upgraded (%s): administrative operations on its objects are refused",
                        started.pluginId(), started.upgradeId());
            }
            case UpgradeSucceeded done -> end(done.pluginId(), done.upgradeId());
            case UpgradeFailed failed -> end(failed.pluginId(), failed.upgradeId());
            default -> {
                // not about upgrades
            }
        }
    }

    /** The upgrade of the plugin under way, if any. */
    @Transactional
    public Optional<RunningUpgrade> running(String pluginId) {
        if (pluginId == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select plugin_id, upgrade_id, from_version, to_version from plugin_upgrade_guard where plugin_id = ?1")
                .setParameter(1, pluginId)
                .getResultList();
        return rows.stream().findFirst().map(r -> new RunningUpgrade((String) r[0], (String) r[1], (String) r[2],
                (String) r[3]));
    }

    /**
     * Refuses an administrative operation with 409 {@code PLUGIN_UPGRADE_IN_PROGRESS}, naming the
     * plugin and the upgrade, while the plugin is being upgraded.
     */
    @Transactional
    public void assertNotUpgrading(String pluginId, String operation) {
        running(pluginId).ifPresent(u -> {
            throw ProblemException.of(CommonProblem.PLUGIN_UPGRADE_IN_PROGRESS,
                            operation + " is refused while plugin " + u.pluginId() + " is being upgraded (upgrade "
                                    + u.upgradeId() + ", " + u.fromVersion() + " to " + u.toVersion() + ")")
                    .with("pluginId", u.pluginId())
                    .with("upgradeId", u.upgradeId());
        });
    }

    private void end(String pluginId, String upgradeId) {
        int removed = em.createNativeQuery("delete from plugin_upgrade_guard where plugin_id = ?1 and upgrade_id = ?2")
                .setParameter(1, pluginId)
                .setParameter(2, upgradeId)
                .executeUpdate();
        if (removed > 0) {
            LOG.infof("upgrade %s of plugin %s ended: administrative operations on its objects resume", upgradeId,
                    pluginId);
        }
    }
}
