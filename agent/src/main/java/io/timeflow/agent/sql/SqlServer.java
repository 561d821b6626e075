package io.timeflow.agent.sql;

import java.util.List;
import java.util.Optional;

/**
 * What the agent asks of a SQL Server instance of its staging host. Two implementations: the real one,
 * through Microsoft's JDBC driver ({@link JdbcSqlServer}, every statement in {@link SqlServerQueries}),
 * and the stand-in host directory for local runs ({@link StandInSqlServer}), whose files hold the same
 * rows those views would return.
 */
public interface SqlServer extends AutoCloseable {

    /** The database's row of sys.databases; empty when it does not exist. */
    Optional<DatabaseRow> database(String instance, String name) throws SqlServerException;

    /** The database's files, from sys.master_files. */
    List<FileRow> files(String instance, String database) throws SqlServerException;

    /** Restores into the database after {@code afterHistoryId}, oldest first (restorehistory joined to backupset). */
    List<RestoreRow> restoresInto(String instance, String database, int afterHistoryId) throws SqlServerException;

    /**
     * Attaches the staging database from the files on its mount, or creates it there when no file of it
     * exists yet (after a link): RESTORING mode leaves it restoring, ONLINE mode online. A database of that
     * name whose files are not on the mount is not Timeflow's: the attach fails, naming it.
     */
    AttachOutcome attach(String instance, AttachRequest request) throws SqlServerException;

    /** For logs: which SQL Server this is. */
    String describe();

    @Override
    default void close() {
    }

    /** What to attach. {@code fileNames} are the names the database keeps (empty: none known yet). */
    record AttachRequest(String database, String mountDirectory, char separator, String mode, List<String> fileNames) {
    }

    /** The attach's outcome and the database's files afterwards (as sys.master_files reports them). */
    record AttachOutcome(boolean attached, String reason, List<String> files) {
    }
}
