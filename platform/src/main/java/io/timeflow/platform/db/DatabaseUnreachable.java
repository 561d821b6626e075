package io.timeflow.platform.db;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

/**
 * Whether a failure is PostgreSQL being out of reach (stopped, restarting, the connection cut) rather
 * than a refusal of what was asked, and a way to do something again until it is back. A refusal
 * (a constraint, a bad statement) fails at once; an outage is waited out up to a limit.
 */
public final class DatabaseUnreachable {

    private static final Logger LOG = Logger.getLogger(DatabaseUnreachable.class);

    private DatabaseUnreachable() {
    }

    /**
     * True when a cause is a connection failure (SQL state class 08), the server going away or not
     * yet accepting sessions (57P01 to 57P03), an idle session cut (57P05), or Hibernate's wrapping of either.
     */
    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("57P05")) {
                    return true;
                }
            }
            if (t instanceof JDBCConnectionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** How long to wait before the next attempt. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * Runs {@code work}; while it fails because the database is unreachable, runs it again after a
     * pause (1 s, doubling, at most 8 s) until {@code patience} has passed since the first attempt.
     * Any other failure, an outage that outlasts the patience, or an interrupt (the thread is being
     * stopped) ends it with the last failure. {@code work} must be safe to run again (idempotent).
     */
    public static <T> T retry(String what, Duration patience, Clock clock, Sleeper sleeper, Supplier<T> work) {
        Instant giveUp = clock.instant().plus(patience);
        Duration pause = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!isCause(e) || !clock.instant().plus(pause).isBefore(giveUp)
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                LOG.warnf("%s: the database is out of reach (attempt %d, %s); trying again in %d s", what, attempt,
                        e.getClass().getSimpleName(), pause.toSeconds());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(8)) > 0 ? Duration.ofSeconds(8)
                        : pause.multipliedBy(2);
            }
        }
    }

    /** {@link #retry(String, Duration, Clock, Sleeper, Supplier)} with the system clock and {@link Thread#sleep}. */
    public static <T> T retry(String what, Duration patience, Supplier<T> work) {
        return retry(what, patience, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), work);
    }
}
