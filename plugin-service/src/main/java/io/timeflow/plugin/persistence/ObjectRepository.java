package io.timeflow.plugin.persistence;

import io.timeflow.plugin.domain.ObjectType;
import io.timeflow.plugin.domain.PluginObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ObjectRepository {

    /** A stored object as an upgrade reads it. */
    public record Stored(UUID id, ObjectType type, String name, String sealedDataJson) {
    }

    private final EntityManager em;

    @Inject
    public ObjectRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<PluginObject> find(String pluginId, UUID id) {
        PluginObject found = em.find(PluginObject.class, id);
        return found != null && found.pluginId().equals(pluginId) ? Optional.of(found) : Optional.empty();
    }

    public List<PluginObject> page(String pluginId, ObjectType type, boolean withSentinelsOnly, int offset, int limit) {
        return em.createQuery("select o from PluginObject o where o.pluginId = :plugin"
                        + " and (:type is null or o.type = :type)"
                        + (withSentinelsOnly ? " and o.sentinelFields is not null" : "")
                        + " order by o.type, o.id", PluginObject.class)
                .setParameter("plugin", pluginId)
                .setParameter("type", type)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(String pluginId, ObjectType type, boolean withSentinelsOnly) {
        return em.createQuery("select count(o) from PluginObject o where o.pluginId = :plugin"
                        + " and (:type is null or o.type = :type)"
                        + (withSentinelsOnly ? " and o.sentinelFields is not null" : ""), Long.class)
                .setParameter("plugin", pluginId)
                .setParameter("type", type)
                .getSingleResult();
    }

    /** The next objects of a type after {@code afterId}, in id order (keyset paging for upgrades). */
    @SuppressWarnings("unchecked")
    public List<Stored> after(String pluginId, ObjectType type, UUID afterId, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        select id, name, cast(data as text) from plugin_object
                        where plugin_id = ?1 and type = ?2 and id > ?3
                        order by id limit ?4""")
                .setParameter(1, pluginId)
                .setParameter(2, type.name())
                .setParameter(3, afterId)
                .setParameter(4, limit)
                .getResultList();
        return rows.stream().map(r -> new Stored((UUID) r[0], type, (String) r[1], (String) r[2])).toList();
    }

    public void add(PluginObject object) {
        em.persist(object);
    }

    public void remove(PluginObject object) {
        em.remove(object);
    }

    public void flush() {
        em.flush();
    }
}
