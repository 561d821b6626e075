package io.timeflow.backup.domain;

import io.timeflow.backup.engine.SuiteDumper;
import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.platform.maintenance.Maintenance;
import io.timeflow.platform.maintenance.MaintenanceTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * The maintenance flag a restore sets in every service's schema, which makes the services refuse writes while it
 * runs (ADR 0043), and takes away when it ends: in the caller's transaction. The flag's table and rows are the
 * platform's ({@link MaintenanceTable}); this says which schemas a restore flags.
 */
@ApplicationScoped
public class SuiteMaintenance {

    private final EntityManager em;

    @Inject
    public SuiteMaintenance(EntityManager em) {
        this.em = em;
    }

    /**
     * Flags every service schema that has the maintenance table (backup-service's own API stays writable: it
     * reports the restore); returns the schemas flagged.
     */
    public List<String> set(Maintenance m) {
        List<String> flagged = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            for (String schema : SuiteMigrations.SCHEMAS) {
                if (!SuiteDumper.BACKUP_SCHEMA.equals(schema) && MaintenanceTable.exists(c, schema)) {
                    MaintenanceTable.mark(c, schema, m);
                    flagged.add(schema);
                }
            }
        });
        return flagged;
    }

    /** Removes the flag of the operation {@code operationId} from every service schema. */
    public void clear(String operationId) {
        em.unwrap(Session.class).doWork(c -> {
            for (String schema : SuiteMigrations.SCHEMAS) {
                if (MaintenanceTable.exists(c, schema)) {
                    MaintenanceTable.clear(c, schema, operationId);
                }
            }
        });
    }
}
