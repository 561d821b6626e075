package io.timeflow.platform.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Database sessions outside the connection pool, as the service's role, for what must not hold or change a pooled
 * connection: the long transactions of backups and restores (a backup's snapshot, a restore's locks and loads, its
 * change of role while migrating) and the sessions that hold jobs' leases ({@link io.timeflow.platform.jobs.JobLeases}).
 * Each carries an application name saying what it is for (visible in {@code pg_stat_activity}) and TCP keep-alive,
 * so that the session of a host that vanished ends.
 */
@ApplicationScoped
public class DatabaseSessions {

    private final String url;
    private final String user;
    private final Optional<String> password;

    @Inject
    public DatabaseSessions(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A new session, labelled {@code applicationName}. */
    public Connection open(String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, p);
    }
}
