package io.timeflow.plugin.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which replica runs an upgrade, as PostgreSQL knows it: the replica that accepts an upgrade takes
 * a session-level advisory lock on the upgrade's id, on a database session of its own (outside the
 * pool), before the upgrade is recorded, and keeps it until the upgrade ends. The lock lives exactly
 * as long as that session: when the replica dies, its sessions end and the lock is free. So "nobody
 * holds the lock of an unfinished upgrade" means its replica stopped (ADR 0121), whichever replica
 * looks and whenever.
 */
@ApplicationScoped
public class UpgradeLeases {

    private static final Logger LOG = Logger.getLogger(UpgradeLeases.class);
    /** The first key of the two-key advisory locks of upgrades ("TFUP"), apart from any other lock of the database. */
    static final int NAMESPACE = 0x54465550;

    private final String url;
    private final String user;
    private final Optional<String> password;

    public UpgradeLeases(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The lease of one upgrade, held while it is open. */
    public static final class Lease implements AutoCloseable {
        private final UUID upgradeId;
        private final Connection session;

        private Lease(UUID upgradeId, Connection session) {
            this.upgradeId = upgradeId;
            this.session = session;
        }

        public UUID upgradeId() {
            return upgradeId;
        }

        /** Ends the session, which frees the lock. */
        @Override
        public void close() {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debugf("closing the lease session of upgrade %s: %s", upgradeId, e.getMessage());
            }
        }
    }

    /** Takes the lease of a new upgrade (its id was just made: nobody else can hold it). */
    public Lease take(UUID upgradeId) {
        return tryTake(upgradeId).orElseThrow(() -> new IllegalStateException(
                "the lease of new upgrade " + upgradeId + " is held by another session"));
    }

    /**
     * The lease of an upgrade nobody holds (its replica stopped, or lost its database session), now held
     * by the caller until it closes it; empty while the replica running the upgrade holds it.
     */
    public Optional<Lease> takeIfAbandoned(UUID upgradeId) {
        return tryTake(upgradeId);
    }

    private Optional<Lease> tryTake(UUID upgradeId) {
        Connection session = null;
        try {
            session = DriverManager.getConnection(url, user, password.orElse(null));
            session.setAutoCommit(true);
            try (PreparedStatement ps = session.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, NAMESPACE);
                ps.setInt(2, key(upgradeId));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new Lease(upgradeId, session));
                    }
                }
            }
            session.close();
            return Optional.empty();
        } catch (SQLException e) {
            if (session != null) {
                try {
                    session.close();
                } catch (SQLException ignored) {
                    // the session is gone either way
                }
            }
            throw new IllegalStateException("cannot reach the database for the lease of upgrade " + upgradeId + ": "
                    + e.getMessage(), e);
        }
    }

    static int key(UUID upgradeId) {
        return upgradeId.hashCode();
    }
}
