package io.timeflow.platform.maintenance;

import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import io.timeflow.platform.config.TimeflowConfig;
import org.jboss.logging.Logger;

/**
 * Reads the service's {@code maintenance} row (platform migration V0_3), which backup-service sets
 * while a restore replaces the suite's data. Read on every write, never cached: the moment the row
 * is committed, the next write is refused. A row whose heartbeat is older than
 * {@code timeflow.maintenance.stale-after} belongs to a restore whose process died; it no longer
 * blocks writes (the restore changes live data only in one atomic swap, so the data is whole).
 */
@ApplicationScoped
public class MaintenanceGate {

    public static final String CODE = CommonProblem.MAINTENANCE_IN_PROGRESS.code();
    /** The {@code Retry-After} of a write refused during maintenance, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "30";
    private static final Logger LOG = Logger.getLogger(MaintenanceGate.class);

    private final DataSource dataSource;
    private final Duration staleAfter;
    private final Clock clock;

    @Inject
    public MaintenanceGate(DataSource dataSource, TimeflowConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.staleAfter = config.maintenance().staleAfter();
    }

    /** The maintenance under way, if any. A schema without the table (not migrated yet) is never in maintenance. */
    public Optional<Maintenance> current() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select operation, operation_id, reason, started_at, heartbeat_at from maintenance")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Maintenance m = new Maintenance(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant());
                if (!m.activeAt(clock.instant(), staleAfter.toMillis())) {
                    LOG.warnf("ignoring stale maintenance of %s %s (no heartbeat since %s)", m.operation(),
                            m.operationId(), m.heartbeatAt());
                    return Optional.empty();
                }
                return Optional.of(m);
            }
        } catch (SQLException e) {
            // no table yet, or the database is unreachable: the write itself will tell
            LOG.debugf("maintenance state not readable: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** Throws 503 {@code MAINTENANCE_IN_PROGRESS} while the suite is in maintenance. */
    public void assertWritable() {
        current().ifPresent(m -> {
            throw refusal(m);
        });
    }

    /** The problem a write gets during maintenance: 503, naming the operation, its id and since when. */
    public static ProblemException refusal(Maintenance m) {
        return new ProblemException(CommonProblem.MAINTENANCE_IN_PROGRESS,
                "the suite is in maintenance (" + m.operation().toLowerCase(java.util.Locale.ROOT) + " "
                        + m.operationId() + " since " + m.startedAt()
                        + "): writes are refused until it ends, reads keep working; retry later",
                List.of(), Map.of("operation", m.operation(), "operationId", m.operationId(),
                        "startedAt", m.startedAt().toString()));
    }
}
