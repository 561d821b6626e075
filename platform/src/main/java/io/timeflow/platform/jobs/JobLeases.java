package io.timeflow.platform.jobs;

import io.timeflow.platform.db.DatabaseSessions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import org.jboss.logging.Logger;

/**
 * Which replica runs a job, as PostgreSQL knows it (ADR 0158). The replica that claims or accepts a job takes its
 * lease: a session-level advisory lock on the job's id, on a database session outside the connection pool, held
 * until the job ends or waits. The lock lives exactly as long as that session, and the session as long as the
 * process: when a replica dies its sessions end and its leases are free. So the one rule of recovery, the same for
 * every kind of job: <em>an unfinished job whose lease anybody can take has lost its replica</em>, whichever replica
 * looks and whenever, with no clock and no renewal.
 *
 * <p>Each lease has a session of its own while it is held (so that one replica's lease is never taken again by the
 * same replica through a shared session: advisory locks are re-entrant within a session); a released lease's
 * session is kept for the next one, up to {@link #IDLE_SESSIONS}.
 */
@ApplicationScoped
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class);
    /** Sessions kept open between leases, so that taking one does not open a connection each time. */
    static final int IDLE_SESSIONS = 4;

    /**
     * The leases of one kind of job: the first of the advisory lock's two keys (the second is the job id's hash),
     * apart from every other kind and from any other advisory lock of the database.
     */
    public record Space(String kind, int namespace) {
    }

    /** The application name of the lease sessions in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "timeflow-job-lease";

    private final DatabaseSessions sessions;
    private final BlockingDeque<Connection> idle = new LinkedBlockingDeque<>(IDLE_SESSIONS);

    @Inject
    public JobLeases(DatabaseSessions sessions) {
        this.sessions = sessions;
    }

    /** The lease of one job, held until closed. */
    public final class Lease implements AutoCloseable {
        private final Space space;
        private final UUID jobId;
        private Connection session;

        private Lease(Space space, UUID jobId, Connection session) {
            this.space = space;
            this.jobId = jobId;
            this.session = session;
        }

        public UUID jobId() {
            return jobId;
        }

        /** Frees the lease; its session is kept for another one when it still works. */
        @Override
        public synchronized void close() {
            if (session == null) {
                return;
            }
            Connection s = session;
            session = null;
            try (PreparedStatement ps = s.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, space.namespace());
                ps.setInt(2, key(jobId));
                ps.executeQuery().close();
                if (!idle.offerFirst(s)) {
                    s.close();
                }
            } catch (SQLException e) {
                // the session is gone (and the lease with it) or unusable: ending it frees the lease either way
                LOG.debugf("freeing the lease of %s %s: %s", space.kind(), jobId, e.getMessage());
                quietlyClose(s);
            }
        }
    }

    /** Takes the lease of a new job (its id was just made, nobody else can hold it); throws when it cannot. */
    public Lease take(Space space, UUID jobId) {
        return tryTake(space, jobId).orElseThrow(() -> new IllegalStateException(
                "the lease of new " + space.kind() + " " + jobId + " is held by another session"));
    }

    /**
     * The lease of a job nobody holds (its replica stopped, or lost its database session), now held by the caller
     * until it closes it; empty while a live replica holds it.
     */
    public Optional<Lease> takeIfAbandoned(Space space, UUID jobId) {
        return tryTake(space, jobId);
    }

    /** Whether a live replica holds the lease of the job (looked at, not taken). */
    public boolean isHeld(Space space, UUID jobId) {
        Optional<Lease> free = tryTake(space, jobId);
        free.ifPresent(Lease::close);
        return free.isEmpty();
    }

    private Optional<Lease> tryTake(Space space, UUID jobId) {
        Connection session = null;
        try {
            session = session();
            try (PreparedStatement ps = session.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, space.namespace());
                ps.setInt(2, key(jobId));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new Lease(space, jobId, session));
                    }
                }
            }
            if (!idle.offerFirst(session)) {
                session.close();
            }
            return Optional.empty();
        } catch (SQLException e) {
            if (session != null) {
                quietlyClose(session);
            }
            throw new IllegalStateException("cannot reach the database for the lease of " + space.kind() + " " + jobId
                    + ": " + e.getMessage(), e);
        }
    }

    /** An idle session that still answers, or a new one. */
    private Connection session() throws SQLException {
        Connection s;
        while ((s = idle.pollFirst()) != null) {
            if (s.isValid(2)) {
                return s;
            }
            quietlyClose(s);
        }
        s = sessions.open(APPLICATION_NAME);
        s.setAutoCommit(true);
        return s;
    }

    @PreDestroy
    void closeIdleSessions() {
        Connection s;
        while ((s = idle.pollFirst()) != null) {
            quietlyClose(s);
        }
    }

    /** The second key of a job's lock: its id's 32-bit hash (two jobs under way sharing it: one in four billion). */
    public static int key(UUID jobId) {
        return jobId.hashCode();
    }

    private static void quietlyClose(Connection s) {
        try {
            s.close();
        } catch (SQLException ignored) {
            // already gone
        }
    }
}
