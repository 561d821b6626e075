package io.timeflow.staging.domain;

import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.problem.Warning;
import java.util.List;

/**
 * Enable, disable, unlink (detach) and link (attach) of a staging-push dSource, as the staging-push
 * rules describe them:
 * <ul>
 *   <li>A linked dSource starts enabled. Disable stops operations on it; enable resumes them.</li>
 *   <li>Detach keeps the dSource and its snapshots (VDBs can still be provisioned from them); it is
 *       disabled while detached. Attach links it again, possibly under a new staging database name
 *       (the file names stay); it stays disabled until enabled.</li>
 *   <li>Attaching with another database state mode than the dSource was linked with is accepted,
 *       and the next enable fails with "database state changed".</li>
 *   <li>Enable attempts the attach of the staging database through the staging host's agent; when
 *       the attach fails (or cannot be attempted) the enable still succeeds with the warning
 *       {@link StagingWarning#SKIP_ATTACH_OPERATION} (see {@link AttachRules}); the storage stays mounted and the
 *       previous DB files stay on the mount.</li>
 * </ul>
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** The facts the decisions depend on. */
    public record Facts(boolean enabled, boolean attached, DatabaseStateMode linkedMode, DatabaseStateMode attachedMode,
            DSource.AttachStatus attachStatus, String attachFailure, boolean restoreInProgress) {
    }

    /** Refuses an enable that cannot happen (its attach attempt decides its warnings, see {@link AttachRules}). */
    public static List<Warning> enable(Facts f) {
        if (!f.attached()) {
            throw ProblemException.of(StagingProblem.DSOURCE_DETACHED,
                    "the dSource is detached from its staging database: attach it before enabling it");
        }
        if (f.enabled()) {
            throw ProblemException.of(StagingProblem.DSOURCE_ALREADY_ENABLED, "the dSource is already enabled");
        }
        if (f.attachedMode() != f.linkedMode()) {
            throw ProblemException.of(StagingProblem.DATABASE_STATE_CHANGED,
                            "database state changed: the dSource was linked with database state " + f.linkedMode()
                                    + " but attached with " + f.attachedMode()
                                    + "; converting the database state on unlink/link is not supported. Detach it and "
                                    + "attach it again with database state " + f.linkedMode())
                    .with("linkedDatabaseStateMode", f.linkedMode().name())
                    .with("attachedDatabaseStateMode", f.attachedMode().name());
        }
        return List.of();
    }

    public static void disable(Facts f) {
        if (!f.attached()) {
            throw ProblemException.of(StagingProblem.DSOURCE_DETACHED,
                    "the dSource is detached, and so already disabled");
        }
        if (!f.enabled()) {
            throw ProblemException.of(StagingProblem.DSOURCE_ALREADY_DISABLED, "the dSource is already disabled");
        }
    }

    public static void detach(Facts f) {
        if (!f.attached()) {
            throw ProblemException.of(StagingProblem.DSOURCE_ALREADY_DETACHED, "the dSource is already detached");
        }
        if (f.restoreInProgress()) {
            throw ProblemException.of(StagingProblem.RESTORE_IN_PROGRESS,
                    "a restore into the staging database is in progress: wait for it to be reported completed or failed");
        }
    }

    /**
     * Converting between linked and staging-push ingestion: supported in ONLINE mode only (the
     * staging-push rules), never while a restore is in progress; the timeflows and snapshots stay.
     */
    public static void convert(DatabaseStateMode linkedMode, DSource.IngestionType from, DSource.IngestionType to,
            boolean restoreInProgress) {
        if (linkedMode != DatabaseStateMode.ONLINE) {
            throw ProblemException.of(StagingProblem.CONVERSION_NOT_SUPPORTED,
                    "converting between linked and staging-push ingestion is supported for ONLINE-mode dSources only; "
                            + "this dSource is in " + linkedMode + " mode")
                    .with("databaseStateMode", linkedMode.name());
        }
        if (from == to) {
            throw ProblemException.of(StagingProblem.INGESTION_TYPE_UNCHANGED, "the dSource is already " + to);
        }
        if (restoreInProgress) {
            throw ProblemException.of(StagingProblem.RESTORE_IN_PROGRESS,
                    "a restore into the staging database is in progress: wait for it to be reported completed or failed");
        }
    }

    public static void attach(Facts f) {
        if (f.attached()) {
            throw ProblemException.of(StagingProblem.DSOURCE_NOT_DETACHED,
                    "the dSource is linked to its staging database: only a detached dSource can be attached");
        }
    }
}
