package io.timeflow.staging.domain;

import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.platform.problem.ProblemException;
import java.util.List;

/**
 * Enable, disable, unlink (detach) and link (attach) of a staging-push dSource, as the seed
 * describes them:
 * <ul>
 *   <li>A linked dSource starts enabled. Disable stops operations on it; enable resumes them.</li>
 *   <li>Detach keeps the dSource and its snapshots (VDBs can still be provisioned from them); it is
 *       disabled while detached. Attach links it again, possibly under a new staging database name
 *       (the file names stay); it stays disabled until enabled.</li>
 *   <li>Attaching with another database state mode than the dSource was linked with is accepted,
 *       and the next enable fails with "database state changed".</li>
 *   <li>Enable while the staging-host agent reported the attach of the staging database failed still
 *       succeeds: the attach is skipped with the warning {@code SKIP_ATTACH_OPERATION}, the storage
 *       stays mounted and the previous DB files stay on the mount.</li>
 * </ul>
 */
public final class Lifecycle {

    public static final String SKIP_ATTACH_OPERATION = "SKIP_ATTACH_OPERATION";

    private Lifecycle() {
    }

    /** The facts the decisions depend on. */
    public record Facts(boolean enabled, boolean attached, DatabaseStateMode linkedMode, DatabaseStateMode attachedMode,
            DSource.AttachStatus attachStatus, String attachFailure, boolean restoreInProgress) {
    }

    /** Refuses an enable that cannot happen; otherwise the warnings it succeeds with. */
    public static List<Warning> enable(Facts f) {
        if (!f.attached()) {
            throw ProblemException.conflict("DSOURCE_DETACHED",
                    "the dSource is detached from its staging database: attach it before enabling it");
        }
        if (f.enabled()) {
            throw ProblemException.conflict("DSOURCE_ALREADY_ENABLED", "the dSource is already enabled");
        }
        if (f.attachedMode() != f.linkedMode()) {
            throw ProblemException.conflict("DATABASE_STATE_CHANGED",
                            "database state changed: the dSource was linked with database state " + f.linkedMode()
                                    + " but attached with " + f.attachedMode()
                                    + "; converting the database state on unlink/link is not supported. Detach it and "
                                    + "attach it again with database state " + f.linkedMode())
                    .with("linkedDatabaseStateMode", f.linkedMode().name())
                    .with("attachedDatabaseStateMode", f.attachedMode().name());
        }
        if (f.attachStatus() == DSource.AttachStatus.FAILED) {
            return List.of(new Warning(SKIP_ATTACH_OPERATION,
                    "the attach of the staging database failed on the staging host ("
                            + (f.attachFailure() == null ? "no reason given" : f.attachFailure())
                            + "); it was skipped and the enable succeeded. The storage stays mounted and the previous "
                            + "DB files are on the mount: drop a database of the same name that is not managed here, "
                            + "or restore a FULL backup WITH REPLACE before the next SnapSync"));
        }
        return List.of();
    }

    public static void disable(Facts f) {
        if (!f.attached()) {
            throw ProblemException.conflict("DSOURCE_DETACHED", "the dSource is detached, and so already disabled");
        }
        if (!f.enabled()) {
            throw ProblemException.conflict("DSOURCE_ALREADY_DISABLED", "the dSource is already disabled");
        }
    }

    public static void detach(Facts f) {
        if (!f.attached()) {
            throw ProblemException.conflict("DSOURCE_ALREADY_DETACHED", "the dSource is already detached");
        }
        if (f.restoreInProgress()) {
            throw ProblemException.conflict("RESTORE_IN_PROGRESS",
                    "a restore into the staging database is in progress: wait for it to be reported completed or failed");
        }
    }

    public static void attach(Facts f) {
        if (f.attached()) {
            throw ProblemException.conflict("DSOURCE_NOT_DETACHED",
                    "the dSource is linked to its staging database: only a detached dSource can be attached");
        }
    }
}
