package io.timeflow.staging.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.platform.crypto.Resealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Moves the sealed hooks of dSources to the active data-encryption key during a key rotation
 * (ADR 0090). The row's version is left alone: a writer holding the dSource loaded before the pass
 * may write the old sealing back, which the next pass finds and moves again.
 */
@ApplicationScoped
public class HookResealer implements Resealer {

    private final EntityManager em;
    private final SealedHooks hooks;

    @Inject
    public HookResealer(EntityManager em, SealedHooks hooks) {
        this.em = em;
        this.hooks = hooks;
    }

    @Override
    public String name() {
        return "dSource hooks";
    }

    @Override
    public int reseal(Collection<String> keyIds, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery("select id, hooks from dsource where " + Resealer.likeAny("hooks", keyIds)
                    + " order by id limit " + limit + " for update skip locked");
            List<String> patterns = Resealer.likeParameters(keyIds);
            for (int i = 0; i < patterns.size(); i++) {
                query.setParameter(i + 1, patterns.get(i));
            }
            int changed = 0;
            for (Object r : query.getResultList()) {
                Object[] row = (Object[]) r;
                UUID id = (UUID) row[0];
                String resealed = hooks.reseal(id, (String) row[1]);
                changed += em.createNativeQuery("update dsource set hooks = ?1 where id = ?2")
                        .setParameter(1, resealed).setParameter(2, id).executeUpdate();
            }
            return changed;
        });
    }
}
