package io.timeflow.staging.persistence;

import io.timeflow.platform.db.ConstraintViolated;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.staging.domain.DSource;
import io.timeflow.staging.domain.StagingProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DSourceRepository {

    /** Filters of the dSource list; null means any. */
    public record Filter(UUID environmentId, UUID repositoryId, String pluginId, Boolean enabled, Boolean attached,
            String nameContains) {
    }

    private final EntityManager em;

    @Inject
    public DSourceRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<DSource> find(UUID id) {
        return Optional.ofNullable(em.find(DSource.class, id));
    }

    /**
     * The dSource with its row locked until the transaction ends: every change to one dSource is
     * serialised, so its events are written (and published) in the order of the changes, and two
     * restore reports cannot both pass the one-in-progress check.
     */
    public Optional<DSource> lock(UUID id) {
        return Optional.ofNullable(em.find(DSource.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public boolean nameTaken(String name) {
        return !em.createQuery("select d.id from DSource d where lower(d.name) = lower(:name)")
                .setParameter("name", name)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    /** An attached dSource (other than {@code except}) using this staging database name on the instance. */
    public Optional<UUID> stagingDatabaseUser(UUID repositoryId, String databaseName, UUID except) {
        return em.createQuery("""
                        select d.id from DSource d where d.repositoryId = :repo and d.attached = true
                        and lower(d.stagingDatabaseName) = lower(:db) and d.id <> :except""", UUID.class)
                .setParameter("repo", repositoryId)
                .setParameter("db", databaseName)
                .setParameter("except", except)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    public List<UUID> usingEnvironment(UUID environmentId, int max) {
        return em.createQuery("select d.id from DSource d where d.environmentId = :env order by d.id", UUID.class)
                .setParameter("env", environmentId)
                .setMaxResults(max)
                .getResultList();
    }

    public List<UUID> usingRepository(UUID repositoryId, int max) {
        return em.createQuery("select d.id from DSource d where d.repositoryId = :repo order by d.id", UUID.class)
                .setParameter("repo", repositoryId)
                .setMaxResults(max)
                .getResultList();
    }

    /** The next container id of a mount base (a database sequence: never reused, safe with replicas). */
    public long nextContainerId() {
        return ((Number) em.createNativeQuery("select nextval('dsource_container_id')").getSingleResult()).longValue();
    }

    public List<DSource> page(Filter filter, int offset, int limit) {
        TypedQuery<DSource> q = em.createQuery("select d from DSource d" + where(filter)
                + " order by lower(d.name), d.id", DSource.class);
        bind(filter).forEach(q::setParameter);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Filter filter) {
        TypedQuery<Long> q = em.createQuery("select count(d) from DSource d" + where(filter), Long.class);
        bind(filter).forEach(q::setParameter);
        return q.getSingleResult();
    }

    public void add(DSource dsource) {
        em.persist(dsource);
        flush();
    }

    /**
     * Writes pending changes now, so that a unique index that a concurrent request won the race for
     * is a 409 naming the conflict rather than a failed commit.
     */
    public void flush() {
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            String constraint = ConstraintViolated.nameOf(e).orElse(null);
            if ("dsource_name".equals(constraint)) {
                throw ProblemException.of(StagingProblem.NAME_TAKEN,
                        "a dSource of that name already exists");
            }
            if ("dsource_staging_database".equals(constraint)) {
                throw ProblemException.of(StagingProblem.STAGING_DATABASE_TAKEN,
                        "another dSource already uses a staging database of that name on this SQL Server instance");
            }
            throw e;
        }
    }

    public void remove(DSource dsource) {
        em.remove(dsource);
    }

    private static String where(Filter f) {
        List<String> clauses = new ArrayList<>();
        if (f.environmentId() != null) {
            clauses.add("d.environmentId = :environmentId");
        }
        if (f.repositoryId() != null) {
            clauses.add("d.repositoryId = :repositoryId");
        }
        if (f.pluginId() != null) {
            clauses.add("d.pluginId = :pluginId");
        }
        if (f.enabled() != null) {
            clauses.add("d.enabled = :enabled");
        }
        if (f.attached() != null) {
            clauses.add("d.attached = :attached");
        }
        if (f.nameContains() != null) {
            clauses.add("lower(d.name) like :name escape '!'");
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private static Map<String, Object> bind(Filter f) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (f.environmentId() != null) {
            p.put("environmentId", f.environmentId());
        }
        if (f.repositoryId() != null) {
            p.put("repositoryId", f.repositoryId());
        }
        if (f.pluginId() != null) {
            p.put("pluginId", f.pluginId());
        }
        if (f.enabled() != null) {
            p.put("enabled", f.enabled());
        }
        if (f.attached() != null) {
            p.put("attached", f.attached());
        }
        if (f.nameContains() != null) {
            String escaped = f.nameContains().toLowerCase(java.util.Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_");
            p.put("name", "%" + escaped + "%");
        }
        return p;
    }

    /** The dSources of an environment, by name (at most 1,000: one staging host serves far fewer). */
    public java.util.List<DSource> ofEnvironment(UUID environmentId) {
        return em.createQuery("select d from DSource d where d.environmentId = :e order by d.name", DSource.class)
                .setParameter("e", environmentId).setMaxResults(1000).getResultList();
    }
}
