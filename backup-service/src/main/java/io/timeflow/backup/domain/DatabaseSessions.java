package io.timeflow.backup.domain;

import io.timeflow.backup.engine.ConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Unpooled sessions as backup-service's role, for the long transactions of backups and restores:
 * a backup's snapshot, a restore's locks and loads. Each carries an application name naming its job.
 */
@ApplicationScoped
public class DatabaseSessions implements ConnectionFactory {

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

    @Override
    public Connection open(String applicationName) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, p);
    }
}
