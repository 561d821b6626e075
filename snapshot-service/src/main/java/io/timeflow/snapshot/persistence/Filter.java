package io.timeflow.snapshot.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a JPQL {@code where} clause from the optional filters that are set (a null filter is left out). */
final class Filter {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    Filter eq(String path, String parameter, Object value) {
        if (value != null) {
            conditions.add(path + " = :" + parameter);
            parameters.put(parameter, value);
        }
        return this;
    }

    String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    <T> TypedQuery<T> query(EntityManager em, String select, String orderBy, Class<T> type) {
        TypedQuery<T> q = em.createQuery(select + where() + (orderBy == null ? "" : " order by " + orderBy), type);
        parameters.forEach(q::setParameter);
        return q;
    }
}
