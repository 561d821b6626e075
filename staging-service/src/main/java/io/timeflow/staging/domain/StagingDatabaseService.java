package io.timeflow.staging.domain;

import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateChanged;
import io.timeflow.events.staging.MountStateChanged;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.staging.persistence.DSourceRepository;
import io.timeflow.staging.persistence.StagingDatabaseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The staging database as the staging-host agent observes it: its state, whether the DATA
 * directory is mounted, and the files present. A change of state or files is announced
 * (DatabaseStateChanged), so is a change of the mount (MountStateChanged); a state the dSource's
 * mode does not support raises a CRITICAL CANNOT_MONITOR fault, which resolves itself once the
 * state is supported again.
 */
@ApplicationScoped
public class StagingDatabaseService {

    private static final Logger LOG = Logger.getLogger(StagingDatabaseService.class);

    /** An observation. {@code observedAt} null means now. */
    public record Observation(DatabaseState state, boolean dataMounted, List<String> files, Instant observedAt) {
    }

    /** The last observation of a dSource's staging database and what it means. */
    public record Observed(DSource dsource, StagingDatabase database, boolean supported, List<String> filesOutside) {
    }

    private final DSourceRepository dsources;
    private final StagingDatabaseRepository databases;
    private final FaultService faults;
    private final Outbox outbox;
    private final Clock clock;

    @Inject
    public StagingDatabaseService(DSourceRepository dsources, StagingDatabaseRepository databases, FaultService faults,
            Outbox outbox, Clock clock) {
        this.dsources = dsources;
        this.databases = databases;
        this.faults = faults;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Observed report(UUID dsourceId, Observation o) {
        DSource d = dsources.lock(dsourceId).orElseThrow(() -> ProblemException.notFound("dsource", dsourceId));
        if (!d.attached()) {
            throw ProblemException.of(StagingProblem.DSOURCE_DETACHED,
                    "the dSource is detached from its staging database: there is nothing to monitor until it is attached");
        }
        Instant now = clock.instant();
        Instant observedAt = o.observedAt() == null ? now : o.observedAt();
        Optional<StagingDatabase> before = databases.find(dsourceId);
        if (before.isPresent() && observedAt.isBefore(before.get().observedAt())) {
            throw ProblemException.of(StagingProblem.OBSERVATION_OUT_OF_ORDER,
                            "a later observation of this staging database was already reported; this one is older")
                    .with("lastObservedAt", before.get().observedAt().toString());
        }
        List<String> files = List.copyOf(o.files());
        boolean stateOrFilesChanged = before.isEmpty() || before.get().state() != o.state()
                || !sameFiles(before.get().files(), files);
        boolean mountChanged = before.isEmpty() || before.get().dataMounted() != o.dataMounted();
        StagingDatabase db = before.orElseGet(() -> {
            StagingDatabase fresh = new StagingDatabase(dsourceId);
            return fresh;
        });
        db.observe(o.state(), o.dataMounted(), files, observedAt, now);
        if (before.isEmpty()) {
            databases.add(db);
        }
        List<String> outside = d.mount().filesOutside(files);
        if (d.databaseFileNames().isEmpty() && outside.isEmpty()) {
            d.filesSeen(files);
        }
        boolean supported = MonitoringRules.supported(d.databaseStateMode(), o.state());
        if (stateOrFilesChanged) {
            outbox.publish(new DatabaseStateChanged(dsourceId.toString(), o.state(), supported, files, outside.isEmpty(),
                    observedAt, outside));
        }
        if (mountChanged) {
            outbox.publish(new MountStateChanged(dsourceId.toString(), o.dataMounted(), d.mountBase(), observedAt));
        }
        faults.observe(dsourceId, FaultService.CANNOT_MONITOR, !supported,
                MonitoringRules.cannotMonitorMessage(d.databaseStateMode(), o.state()));
        if (stateOrFilesChanged || mountChanged) {
            LOG.infof("staging database of dSource %s observed %s (%s), DATA %s", dsourceId, o.state(),
                    supported ? "supported" : "not supported", o.dataMounted() ? "mounted" : "not mounted");
        }
        return new Observed(d, db, supported, outside);
    }

    @Transactional
    public Observed get(UUID dsourceId) {
        DSource d = dsources.find(dsourceId).orElseThrow(() -> ProblemException.notFound("dsource", dsourceId));
        StagingDatabase db = databases.find(dsourceId).orElseThrow(() -> ProblemException.of(StagingProblem.NOT_OBSERVED_YET,
                "no observation of this dSource's staging database has been reported yet"));
        return new Observed(d, db, MonitoringRules.supported(d.databaseStateMode(), db.state()),
                d.mount().filesOutside(db.files()));
    }

    private static boolean sameFiles(List<String> a, List<String> b) {
        return a.stream().sorted().toList().equals(b.stream().sorted().toList());
    }
}
