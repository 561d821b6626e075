package io.timeflow.staging.domain;

import io.timeflow.platform.problem.Warning;
import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.RestoreCompleted;
import io.timeflow.events.staging.RestoreFailed;
import io.timeflow.events.staging.RestoreStarted;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.CurrentActor;
import io.timeflow.staging.persistence.DSourceRepository;
import io.timeflow.staging.persistence.RestoreRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Restores into staging databases, reported in two steps by a hook script or a staging-host agent:
 * started (with the backup set, checked against the LSN chain and the mode's rules before anything
 * is recorded), then completed (with the files written) or failed. One restore at a time per dSource.
 */
@ApplicationScoped
public class RestoreService {

    private static final Logger LOG = Logger.getLogger(RestoreService.class);

    /** A restore that is starting. */
    public record StartRestore(UUID restoreId, BackupSet backupSet, boolean replace, boolean norecovery,
            List<FileMove> moves, Instant startedAt) {
    }

    /**
     * A restore that finished. {@code backupSet}, when given (as msdb recorded the restore), must agree
     * with what the start announced, and completes what the start left out (times, fork, LSNs).
     */
    public record CompleteRestore(List<String> files, Instant finishedAt, BackupSet backupSet) {
    }

    /** A restore that started and its warnings. */
    public record Started(Restore restore, List<Warning> warnings) {
    }

    private final DSourceRepository dsources;
    private final RestoreRepository restores;
    private final Outbox outbox;
    private final CurrentActor actor;
    private final Clock clock;

    @Inject
    public RestoreService(DSourceRepository dsources, RestoreRepository restores, Outbox outbox, CurrentActor actor,
            Clock clock) {
        this.dsources = dsources;
        this.restores = restores;
        this.outbox = outbox;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional
    public Started start(UUID dsourceId, StartRestore request) {
        BackupSet set = request.backupSet();
        List<Problem.FieldError> shape = RestoreRules.shape(set.type(),
                new RestoreRules.Lsns(set.firstLsn(), set.lastLsn(), set.checkpointLsn(), set.databaseBackupLsn()),
                set.recoveryForkGuid(), "backupSet.");
        if (!shape.isEmpty()) {
            throw validation(shape);
        }
        DSource d = dsources.lock(dsourceId).orElseThrow(() -> ProblemException.notFound("dsource", dsourceId));
        UUID restoreId = request.restoreId() == null ? UUID.randomUUID() : request.restoreId();
        // the id already reported, and the dSource's restore in progress: one round trip for both
        RestoreRepository.StartConflicts conflicts = restores.startConflicts(restoreId, dsourceId);
        conflicts.reported().ifPresent(existing -> {
            throw ProblemException.of(StagingProblem.RESTORE_ALREADY_REPORTED,
                            "a restore with this id was already reported started; it is " + existing.status())
                    .with("restoreId", restoreId.toString())
                    .with("status", existing.status().name());
        });
        if (!d.attached()) {
            throw ProblemException.of(StagingProblem.DSOURCE_DETACHED,
                    "the dSource is detached from its staging database: attach it before restoring into it");
        }
        conflicts.inProgress().ifPresent(running -> {
            throw ProblemException.of(StagingProblem.RESTORE_IN_PROGRESS,
                            "restore " + running.id() + " into this staging database is still in progress: report it "
                                    + "completed or failed before starting another")
                    .with("restoreId", running.id().toString());
        });
        StorageRules.assertRestorable(d.storageState());
        List<Problem.FieldError> outside = new ArrayList<>();
        for (int i = 0; i < request.moves().size(); i++) {
            String target = request.moves().get(i).physicalName();
            if (!d.mount().holdsDirectly(target)) {
                outside.add(new Problem.FieldError("move[" + i + "].physicalName",
                        "must lie directly in the mount's DB directory, not in a sub-directory or elsewhere: " + target));
            }
        }
        if (!outside.isEmpty()) {
            throw filesOutside(d, outside);
        }
        RestoreRules.modeAllows(d.databaseStateMode(), set.type(), request.norecovery()).ifPresent(r -> {
            throw refusal(r);
        });
        LsnChain.Candidate candidate = new LsnChain.Candidate(set.type(), set.firstLsn(), set.lastLsn(),
                set.checkpointLsn(), set.databaseBackupLsn(), request.replace(), request.norecovery());
        LsnChain.check(d.chain(), candidate).ifPresent(r -> {
            throw refusal(r);
        });
        Instant startedAt = request.startedAt() == null ? clock.instant() : request.startedAt();
        Restore restore = new Restore(restoreId, dsourceId, d.nextRestoreNumber(), set, request.replace(),
                request.norecovery(), request.moves(), startedAt, actor.get().subject());
        restores.add(restore);
        outbox.publish(new RestoreStarted(dsourceId.toString(), restoreId.toString(), set.type(), startedAt));
        LOG.infof("restore %s (#%d, %s) into dSource %s started", restoreId, restore.number(), set.type(), dsourceId);
        return new Started(restore, RestoreRules.sourceReadOnlyWarning(set.sourceReadOnly()).stream().toList());
    }

    @Transactional
    public Restore complete(UUID dsourceId, UUID restoreId, CompleteRestore request) {
        DSource d = dsources.lock(dsourceId).orElseThrow(() -> ProblemException.notFound("dsource", dsourceId));
        Restore r = inProgress(d, restoreId, "completed");
        Instant finishedAt = request.finishedAt() == null ? clock.instant() : request.finishedAt();
        if (finishedAt.isBefore(r.startedAt())) {
            throw ProblemException.invalid("finishedAt", "must not be before the restore started");
        }
        List<Problem.FieldError> outside = new ArrayList<>();
        for (int i = 0; i < request.files().size(); i++) {
            String file = request.files().get(i);
            if (!d.mount().holdsDirectly(file)) {
                outside.add(new Problem.FieldError("files[" + i + "]",
                        "must lie directly in the mount's DB directory, not in a sub-directory or elsewhere: " + file));
            }
        }
        if (!outside.isEmpty()) {
            throw filesOutside(d, outside);
        }
        if (request.backupSet() != null) {
            List<Problem.FieldError> differences = differences(r.backupSet(), request.backupSet());
            if (!differences.isEmpty()) {
                throw new ProblemException(StagingProblem.BACKUP_SET_MISMATCH,
                        "the backup set read after the restore is not the one reported when it started: was another "
                                + "backup restored?", differences, Map.of("restoreId", restoreId.toString()));
            }
        }
        if (request.backupSet() != null) {
            r.supplement(request.backupSet());
        }
        r.complete(request.files(), finishedAt);
        d.filesSeen(request.files());
        d.restored(r.id(), LsnChain.after(d.chain(), r.candidate()), finishedAt);
        outbox.publish(new RestoreCompleted(dsourceId.toString(), restoreId.toString(), r.backupSet(), r.replace(),
                r.norecovery(), r.files(), r.startedAt(), finishedAt));
        LOG.infof("restore %s (#%d, %s) into dSource %s completed", restoreId, r.number(), r.backupType(), dsourceId);
        return r;
    }

    @Transactional
    public Restore fail(UUID dsourceId, UUID restoreId, String reason, Instant failedAt) {
        DSource d = dsources.lock(dsourceId).orElseThrow(() -> ProblemException.notFound("dsource", dsourceId));
        Restore r = inProgress(d, restoreId, "failed");
        Instant at = failedAt == null ? clock.instant() : failedAt;
        if (at.isBefore(r.startedAt())) {
            throw ProblemException.invalid("failedAt", "must not be before the restore started");
        }
        r.fail(reason.trim(), at);
        outbox.publish(new RestoreFailed(dsourceId.toString(), restoreId.toString(), r.backupType(), r.failureReason(),
                r.startedAt(), at));
        LOG.infof("restore %s (#%d, %s) into dSource %s failed", restoreId, r.number(), r.backupType(), dsourceId);
        return r;
    }

    @Transactional
    public Restore get(UUID dsourceId, UUID restoreId) {
        dsources.find(dsourceId).orElseThrow(() -> ProblemException.notFound("dsource", dsourceId));
        return restores.find(restoreId).filter(r -> r.dsourceId().equals(dsourceId))
                .orElseThrow(() -> ProblemException.notFound("restore", restoreId));
    }

    @Transactional
    public List<Restore> page(UUID dsourceId, Restore.Status status, int offset, int limit) {
        dsources.find(dsourceId).orElseThrow(() -> ProblemException.notFound("dsource", dsourceId));
        return restores.page(dsourceId, status, offset, limit);
    }

    @Transactional
    public long count(UUID dsourceId, Restore.Status status) {
        return restores.count(dsourceId, status);
    }

    /** The restore, which must have been reported started and not yet finished: otherwise a 409. */
    private Restore inProgress(DSource d, UUID restoreId, String outcome) {
        Restore r = restores.find(restoreId).filter(x -> x.dsourceId().equals(d.id())).orElseThrow(() ->
                ProblemException.of(StagingProblem.RESTORE_NOT_STARTED,
                                "restore " + restoreId + " was never reported started on this dSource: report the start "
                                        + "before it is " + outcome)
                        .with("restoreId", restoreId.toString()));
        if (r.status() != Restore.Status.IN_PROGRESS) {
            throw ProblemException.of(StagingProblem.RESTORE_NOT_IN_PROGRESS,
                            "restore " + restoreId + " is already " + r.status() + "; it cannot be reported " + outcome
                                    + " again")
                    .with("restoreId", restoreId.toString())
                    .with("status", r.status().name());
        }
        return r;
    }

    private static List<Problem.FieldError> differences(BackupSet started, BackupSet read) {
        List<Problem.FieldError> d = new ArrayList<>();
        if (started.type() != read.type()) {
            d.add(new Problem.FieldError("backupSet.type", "differs from the type reported at the start"));
        }
        if (!Objects.equals(started.firstLsn(), read.firstLsn())) {
            d.add(new Problem.FieldError("backupSet.firstLsn", "differs from the first LSN reported at the start"));
        }
        if (!Objects.equals(started.lastLsn(), read.lastLsn())) {
            d.add(new Problem.FieldError("backupSet.lastLsn", "differs from the last LSN reported at the start"));
        }
        if (read.checkpointLsn() != null && started.checkpointLsn() != null
                && !Objects.equals(started.checkpointLsn(), read.checkpointLsn())) {
            d.add(new Problem.FieldError("backupSet.checkpointLsn", "differs from the checkpoint LSN reported at the start"));
        }
        if (read.databaseBackupLsn() != null && started.databaseBackupLsn() != null
                && !Objects.equals(started.databaseBackupLsn(), read.databaseBackupLsn())) {
            d.add(new Problem.FieldError("backupSet.databaseBackupLsn",
                    "differs from the database-backup LSN reported at the start"));
        }
        if (read.recoveryForkGuid() != null && started.recoveryForkGuid() != null
                && !read.recoveryForkGuid().equalsIgnoreCase(started.recoveryForkGuid())) {
            d.add(new Problem.FieldError("backupSet.recoveryForkGuid", "differs from the fork reported at the start"));
        }
        if (started.sourceReadOnly() != read.sourceReadOnly()) {
            d.add(new Problem.FieldError("backupSet.sourceReadOnly", "differs from what was reported at the start"));
        }
        return d;
    }

    private static ProblemException filesOutside(DSource d, List<Problem.FieldError> errors) {
        return new ProblemException(StagingProblem.FILES_OUTSIDE_MOUNT_DIRECTORY,
                "database files must lie directly in the mount's DB directory " + d.mountBase()
                        + " (sub-directories are not supported); offending: "
                        + errors.stream().map(Problem.FieldError::field).toList(),
                errors, Map.of("mountBase", d.mountBase()));
    }

    private static ProblemException refusal(LsnChain.Refusal r) {
        return new ProblemException(r.code(), r.detail(), List.of(), r.context());
    }

    private static ProblemException validation(List<Problem.FieldError> errors) {
        return new ProblemException(CommonProblem.VALIDATION_FAILED,
                String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()), errors, Map.of());
    }
}
