package io.timeflow.plugin.persistence;

import io.timeflow.plugin.domain.ObjectType;
import io.timeflow.plugin.domain.ReportLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The per-object report of an upgrade ({@code upgrade_object}): what each object became or would
 * become (sealed), or why it failed. Written in batches, applied to the objects in one statement
 * when the upgrade commits.
 */
@ApplicationScoped
public class UpgradeReportRepository {

    private final EntityManager em;

    @Inject
    public UpgradeReportRepository(EntityManager em) {
        this.em = em;
    }

    /** Writes the rows with a handful of array parameters (one round trip per batch). */
    public void insert(UUID upgradeId, List<ReportLine> rows) {
        if (rows.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            int n = rows.size();
            Object[] ids = new Object[n];
            String[] types = new String[n];
            Long[] seqs = new Long[n];
            String[] outcomes = new String[n];
            String[] names = new String[n];
            String[] results = new String[n];
            String[] sensitive = new String[n];
            String[] sentinels = new String[n];
            String[] migrations = new String[n];
            String[] codes = new String[n];
            String[] messages = new String[n];
            for (int i = 0; i < n; i++) {
                ReportLine r = rows.get(i);
                ids[i] = r.objectId();
                types[i] = r.type().name();
                seqs[i] = r.seq();
                outcomes[i] = r.outcome();
                names[i] = r.name();
                results[i] = r.sealedResultJson();
                sensitive[i] = r.sensitiveFieldsJson();
                sentinels[i] = r.sentinelFieldsJson();
                migrations[i] = r.migrationId();
                codes[i] = r.errorCode();
                messages[i] = r.errorMessage();
            }
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into upgrade_object (upgrade_id, object_id, type, seq, outcome, name, result,
                                                sensitive_fields, sentinel_fields, migration_id, error_code,
                                                error_message)
                    select ?, u.id, u.type, u.seq, u.outcome, u.name, cast(u.result as jsonb),
                           cast(u.sensitive as jsonb), cast(u.sentinels as jsonb), u.migration, u.code, u.message
                    from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                         as u(id, type, seq, outcome, name, result, sensitive, sentinels, migration, code, message)""")) {
                ps.setObject(1, upgradeId);
                ps.setArray(2, connection.createArrayOf("uuid", ids));
                ps.setArray(3, connection.createArrayOf("text", types));
                ps.setArray(4, connection.createArrayOf("bigint", seqs));
                ps.setArray(5, connection.createArrayOf("text", outcomes));
                ps.setArray(6, connection.createArrayOf("text", names));
                ps.setArray(7, connection.createArrayOf("text", results));
                ps.setArray(8, connection.createArrayOf("text", sensitive));
                ps.setArray(9, connection.createArrayOf("text", sentinels));
                ps.setArray(10, connection.createArrayOf("text", migrations));
                ps.setArray(11, connection.createArrayOf("text", codes));
                ps.setArray(12, connection.createArrayOf("text", messages));
                ps.executeUpdate();
            }
        });
    }

    /**
     * Replaces the plugin's objects by what the upgrade made of them, in one statement.
     *
     * @return how many objects were written
     */
    public int apply(UUID upgradeId, String pluginId, Instant now) {
        return em.createNativeQuery("""
                        update plugin_object o
                        set data = u.result, sentinel_fields = u.sentinel_fields, name = u.name,
                            updated_at = ?3, version = o.version + 1
                        from upgrade_object u
                        where u.upgrade_id = ?1 and u.object_id = o.id and o.plugin_id = ?2
                          and u.outcome in ('MIGRATED', 'UNCHANGED')""")
                .setParameter(1, upgradeId)
                .setParameter(2, pluginId)
                .setParameter(3, Timestamp.from(now))
                .executeUpdate();
    }

    /** Objects of the plugin the report has no successful line for (must be none when committing). */
    public long objectsNotCovered(UUID upgradeId, String pluginId) {
        return ((Number) em.createNativeQuery("""
                        select count(*) from plugin_object o
                        where o.plugin_id = ?2 and not exists (
                            select 1 from upgrade_object u
                            where u.upgrade_id = ?1 and u.object_id = o.id and u.outcome in ('MIGRATED', 'UNCHANGED'))""")
                .setParameter(1, upgradeId)
                .setParameter(2, pluginId)
                .getSingleResult()).longValue();
    }

    /** A page of the report, in the order the objects were processed; {@code outcome} filters when given. */
    public List<ReportLine> page(UUID upgradeId, String outcome, int offset, int limit) {
        List<ReportLine> rows = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    select object_id, type, seq, outcome, name, cast(result as text), cast(sensitive_fields as text),
                           cast(sentinel_fields as text), migration_id, error_code, error_message
                    from upgrade_object where upgrade_id = ? and (cast(? as text) is null or outcome = ?)
                    order by seq offset ? limit ?""")) {
                ps.setObject(1, upgradeId);
                ps.setString(2, outcome);
                ps.setString(3, outcome);
                ps.setInt(4, offset);
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new ReportLine((UUID) rs.getObject(1), ObjectType.valueOf(rs.getString(2)), rs.getLong(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9), rs.getString(10), rs.getString(11)));
                    }
                }
            }
        });
        return rows;
    }

    public long count(UUID upgradeId, String outcome) {
        return ((Number) em.createNativeQuery("""
                        select count(*) from upgrade_object
                        where upgrade_id = ?1 and (cast(?2 as text) is null or outcome = ?2)""")
                .setParameter(1, upgradeId)
                .setParameter(2, outcome)
                .getSingleResult()).longValue();
    }
}
