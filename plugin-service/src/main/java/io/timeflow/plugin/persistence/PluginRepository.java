package io.timeflow.plugin.persistence;

import io.timeflow.plugin.domain.Plugin;
import io.timeflow.plugin.domain.PluginVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PluginRepository {

    private final EntityManager em;

    @Inject
    public PluginRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Plugin> find(String id) {
        return Optional.ofNullable(em.find(Plugin.class, id));
    }

    /** The plugin, its row locked against upgrades starting or ending (object writes take this). */
    public Optional<Plugin> findForObjectWrite(String id) {
        return Optional.ofNullable(em.find(Plugin.class, id, LockModeType.PESSIMISTIC_READ));
    }

    /** The plugin, its row locked exclusively (upgrades start and commit under this lock). */
    public Optional<Plugin> findForUpdate(String id) {
        return Optional.ofNullable(em.find(Plugin.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<Plugin> page(int offset, int limit) {
        return em.createQuery("select p from Plugin p order by lower(p.name), p.id", Plugin.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count() {
        return em.createQuery("select count(p) from Plugin p", Long.class).getSingleResult();
    }

    public void add(Plugin plugin) {
        em.persist(plugin);
    }

    public Optional<PluginVersion> version(UUID id) {
        return Optional.ofNullable(em.find(PluginVersion.class, id));
    }

    public void addVersion(PluginVersion version) {
        em.persist(version);
    }

    /** Every installed version of the plugin, newest first. */
    public List<PluginVersion> versions(String pluginId) {
        return em.createQuery("select v from PluginVersion v where v.pluginId = :plugin order by v.installedAt desc",
                        PluginVersion.class)
                .setParameter("plugin", pluginId)
                .getResultList();
    }

    public void flush() {
        em.flush();
    }
}
