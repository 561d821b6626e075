package io.timeflow.backup.engine;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a fresh, unpooled connection as backup-service's role, labelled with an application name
 * (visible in {@code pg_stat_activity}). Restores use their own connections: they change the
 * session's role while migrating, which must never leak into the pool.
 */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open(String applicationName) throws SQLException;
}
