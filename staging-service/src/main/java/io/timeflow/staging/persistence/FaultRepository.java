package io.timeflow.staging.persistence;

import io.timeflow.staging.domain.Fault;
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
public class FaultRepository {

    /** Filters of the fault list; null means any. */
    public record Filter(UUID dsourceId, Fault.Severity severity, Fault.Status status, String code) {
    }

    private final EntityManager em;

    @Inject
    public FaultRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Fault> find(UUID id) {
        return Optional.ofNullable(em.find(Fault.class, id));
    }

    /** The dSource a fault belongs to, without loading the fault. */
    public Optional<UUID> dsourceOf(UUID id) {
        return em.createQuery("select f.dsourceId from Fault f where f.id = :id", UUID.class)
                .setParameter("id", id)
                .getResultStream().findFirst();
    }

    public Optional<Fault> lock(UUID id) {
        return Optional.ofNullable(em.find(Fault.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The open fault (active, or ignored while its condition lasts) of a condition of a dSource. */
    public Optional<Fault> open(UUID dsourceId, String code) {
        return em.createQuery("select f from Fault f where f.dsourceId = :d and f.code = :c and f.open = true", Fault.class)
                .setParameter("d", dsourceId)
                .setParameter("c", code)
                .getResultStream().findFirst();
    }

    public List<Fault> active(UUID dsourceId) {
        return em.createQuery("select f from Fault f where f.dsourceId = :d and f.status = :s order by f.firstSeen",
                        Fault.class)
                .setParameter("d", dsourceId)
                .setParameter("s", Fault.Status.ACTIVE)
                .getResultList();
    }

    /** Newest first. */
    public List<Fault> page(Filter filter, int offset, int limit) {
        TypedQuery<Fault> q = em.createQuery("select f from Fault f" + where(filter)
                + " order by f.firstSeen desc, f.id", Fault.class);
        bind(filter).forEach(q::setParameter);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Filter filter) {
        TypedQuery<Long> q = em.createQuery("select count(f) from Fault f" + where(filter), Long.class);
        bind(filter).forEach(q::setParameter);
        return q.getSingleResult();
    }

    public void add(Fault fault) {
        em.persist(fault);
    }

    private static String where(Filter f) {
        List<String> clauses = new ArrayList<>();
        if (f.dsourceId() != null) {
            clauses.add("f.dsourceId = :dsourceId");
        }
        if (f.severity() != null) {
            clauses.add("f.severity = :severity");
        }
        if (f.status() != null) {
            clauses.add("f.status = :status");
        }
        if (f.code() != null) {
            clauses.add("f.code = :code");
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private static Map<String, Object> bind(Filter f) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (f.dsourceId() != null) {
            p.put("dsourceId", f.dsourceId());
        }
        if (f.severity() != null) {
            p.put("severity", f.severity());
        }
        if (f.status() != null) {
            p.put("status", f.status());
        }
        if (f.code() != null) {
            p.put("code", f.code());
        }
        return p;
    }
}
