package io.timeflow.backup.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.backup.config.BackupConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * The database's free space, as a restore checks it before loading a backup beside the live schemas (ADR 0093):
 * the free space of the volume of a directory on it, or the database's capacity less its size, whichever is
 * configured; the rule itself is {@link RestoreSpace}'s.
 */
@ApplicationScoped
public class DatabaseSpace {

    private static final Logger LOG = Logger.getLogger(DatabaseSpace.class);

    private final BackupConfig config;
    private final EntityManager em;

    @Inject
    public DatabaseSpace(BackupConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    /**
     * 409 INSUFFICIENT_DATABASE_SPACE naming both figures when the database cannot hold {@code backup} beside the
     * live schemas. Returns what was checked, for the restore's steps.
     */
    public String require(Backup backup) {
        RestoreSpace.Need need = RestoreSpace.needed(backup, config.restore().spaceMargin());
        OptionalLong free = OptionalLong.empty();
        String where = "not checked: set timeflow.backup.restore.database-directory or .database-capacity";
        if (config.restore().databaseDirectory().isPresent()) {
            String dir = config.restore().databaseDirectory().get();
            try {
                free = OptionalLong.of(Files.getFileStore(Path.of(dir)).getUsableSpace());
                where = "on the volume of " + dir;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("free space of %s not readable: %s", dir, e.getMessage());
            }
        } else if (config.restore().databaseCapacity().isPresent()) {
            long capacity = config.restore().databaseCapacity().get();
            long used = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select pg_database_size(current_database())").getSingleResult()).longValue());
            free = OptionalLong.of(Math.max(0, capacity - used));
            where = "of a capacity of " + RestoreSpace.human(capacity) + ", the database uses " + RestoreSpace.human(used);
        }
        RestoreSpace.require(backup, need, free, where);
        return free.isPresent() ? "space: needs " + RestoreSpace.human(need.bytes()) + ", " + RestoreSpace.human(free.getAsLong())
                + " free" : "space: needs " + RestoreSpace.human(need.bytes()) + ", free space " + where;
    }
}
