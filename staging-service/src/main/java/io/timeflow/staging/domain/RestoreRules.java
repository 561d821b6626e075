package io.timeflow.staging.domain;

import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.Warning;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a restore report must say for its kind of backup, and what the dSource's database state mode
 * allows. The LSN chain itself is {@link LsnChain}; the files rule is {@link StagingMount}.
 */
public final class RestoreRules {

    /** SQL Server writes LSNs as numeric(25,0): at most 25 decimal digits. */
    public static final BigInteger MAX_LSN = BigInteger.TEN.pow(25).subtract(BigInteger.ONE);

    private RestoreRules() {
    }

    /** The LSNs of a reported backup set, as numbers (null where absent). */
    public record Lsns(BigInteger firstLsn, BigInteger lastLsn, BigInteger checkpointLsn, BigInteger databaseBackupLsn) {
    }

    /**
     * The LSNs each type of backup must carry: FULL first, last and checkpoint; DIFFERENTIAL first,
     * last and database-backup (the full it belongs to); LOG first and last; BACPAC none (an import
     * has no log sequence). Also {@code firstLsn <= lastLsn}, and a recovery fork GUID for every
     * backup but a BACPAC (timeflows follow it). Fields are named under {@code prefix}.
     */
    public static List<Problem.FieldError> shape(BackupType type, Lsns lsns, String recoveryForkGuid, String prefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean bacpac = type == BackupType.BACPAC;
        if (!bacpac && recoveryForkGuid == null) {
            errors.add(new Problem.FieldError(prefix + "recoveryForkGuid", "is required for a " + type + " backup"));
        }
        require(errors, prefix + "firstLsn", lsns.firstLsn(), !bacpac, type);
        require(errors, prefix + "lastLsn", lsns.lastLsn(), !bacpac, type);
        if (type == BackupType.FULL) {
            require(errors, prefix + "checkpointLsn", lsns.checkpointLsn(), true, type);
        }
        if (type == BackupType.DIFFERENTIAL) {
            require(errors, prefix + "databaseBackupLsn", lsns.databaseBackupLsn(), true, type);
        }
        if (bacpac) {
            require(errors, prefix + "checkpointLsn", lsns.checkpointLsn(), false, type);
            require(errors, prefix + "databaseBackupLsn", lsns.databaseBackupLsn(), false, type);
        }
        if (lsns.firstLsn() != null && lsns.lastLsn() != null && lsns.firstLsn().compareTo(lsns.lastLsn()) > 0) {
            errors.add(new Problem.FieldError(prefix + "lastLsn", "must not be less than firstLsn"));
        }
        return errors;
    }

    /**
     * The database state mode's rules: a BACPAC import only into an ONLINE dSource; in RESTORING mode
     * every restore is WITH NORECOVERY, which keeps the staging database restoring (a recovered
     * database is in a state the mode does not support and ends the log chain).
     */
    public static Optional<LsnChain.Refusal> modeAllows(DatabaseStateMode mode, BackupType type, boolean norecovery) {
        if (type == BackupType.BACPAC && mode != DatabaseStateMode.ONLINE) {
            return Optional.of(new LsnChain.Refusal(StagingProblem.BACPAC_REQUIRES_ONLINE_MODE,
                    "a BACPAC import is only supported for a dSource in ONLINE database state mode; this one is " + mode,
                    java.util.Map.of("databaseStateMode", mode.name())));
        }
        if (mode == DatabaseStateMode.RESTORING && !norecovery) {
            return Optional.of(new LsnChain.Refusal(StagingProblem.NORECOVERY_REQUIRED,
                    "a dSource in RESTORING database state mode keeps its staging database restoring: restore WITH "
                            + "NORECOVERY (without it the database is recovered, leaves the supported state and "
                            + "accepts no further log backups)",
                    java.util.Map.of("databaseStateMode", mode.name())));
        }
        return Optional.empty();
    }

    /** A backup of a read-only source snapshots fine, but provisioning VDBs from it may fail. */
    public static Optional<Warning> sourceReadOnlyWarning(boolean sourceReadOnly) {
        if (!sourceReadOnly) {
            return Optional.empty();
        }
        return Optional.of(new Warning(StagingWarning.SOURCE_READ_ONLY,
                "the source database was read-only when this backup was taken: snapshots will succeed, but "
                        + "provisioning VDBs from them may fail; set the source read-write and take a new backup"));
    }

    private static void require(List<Problem.FieldError> errors, String field, BigInteger value, boolean required,
            BackupType type) {
        if (required && value == null) {
            errors.add(new Problem.FieldError(field, "is required for a " + type + " backup"));
        } else if (!required && value != null) {
            errors.add(new Problem.FieldError(field, "must be absent for a " + type + " import"));
        }
    }
}
