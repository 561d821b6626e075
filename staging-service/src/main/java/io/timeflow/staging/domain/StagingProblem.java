package io.timeflow.staging.domain;

import io.timeflow.platform.problem.ProblemCatalogue;
import io.timeflow.platform.problem.ProblemCode;

/**
 * The problem codes of staging-service's own refusals (the common ones are in
 * {@link io.timeflow.platform.problem.CommonProblem}). {@link #CATALOGUE} is what the OpenAPI document lists
 * as {@code x-problem-codes} and what {@code docs/problems/staging-service.md} shows, followed there by the
 * codes of the warnings its operations succeed with ({@link StagingWarning}).
 */
public enum StagingProblem implements ProblemCode {

    // names and references
    NAME_TAKEN(409,
            "Another dSource, environment, or repository of the same environment already has this name, compared "
                    + "without case (`context.name` gives it when known); choose another name."),
    STAGING_DATABASE_TAKEN(409,
            "Another dSource already uses a staging database of this name on the same SQL Server instance "
                    + "(`context.dsourceId` names it when known); choose another staging database name or instance."),
    UNKNOWN_REFERENCE(422, "Refers to something that does not exist",
            "A field of the request names an environment, a repository of the environment or a SnapSync policy that "
                    + "does not exist; `errors` names the field. Check the id and send the request again."),

    // environments and repositories
    ENVIRONMENT_IN_USE(409,
            "The environment cannot be deleted while dSources use it; `context.dsourceIds` names them (at most 20). "
                    + "Delete those dSources or attach them to another environment first."),
    REPOSITORY_IN_USE(409,
            "The repository cannot be deleted while dSources use it; `context.dsourceIds` names them (at most 20). "
                    + "Delete those dSources or attach them to another repository first."),

    // dSources
    DSOURCE_HAS_DEPENDANTS(409,
            "VDBs are provisioned from snapshots of the dSource (`context.vdbIds` names them), so it cannot be "
                    + "deleted; delete those VDBs first."),
    DSOURCE_DETACHED(409,
            "The dSource is detached from its staging database, so it cannot be enabled, disabled, restored into, "
                    + "monitored or have an attach reported; attach it first."),
    DSOURCE_NOT_DETACHED(409,
            "Only a detached dSource can be attached, and this one is linked to its staging database; detach it "
                    + "first."),
    DSOURCE_ALREADY_ENABLED(409, "The dSource is already enabled; there is nothing to do."),
    DSOURCE_ALREADY_DISABLED(409, "The dSource is already disabled; there is nothing to do."),
    DSOURCE_ALREADY_DETACHED(409, "The dSource is already detached; there is nothing to do."),
    DATABASE_STATE_CHANGED(409,
            "The dSource was attached with another database state mode than it was linked with, so it cannot be "
                    + "enabled (`context` names both modes); detach it and attach it again with the mode it was "
                    + "linked with."),
    CONVERSION_NOT_SUPPORTED(409,
            "Converting between linked and staging-push ingestion is supported only for dSources in ONLINE database "
                    + "state mode; this one is in another mode (`context.databaseStateMode`)."),
    INGESTION_TYPE_UNCHANGED(409, "The dSource already has the ingestion type asked for; there is nothing to do."),
    STORAGE_PAUSED(409,
            "The dSource's storage is paused at its critical threshold, so no restore can start; start it again "
                    + "once the storage has been reported running."),

    // restores
    RESTORE_IN_PROGRESS(409,
            "A restore into the dSource's staging database is in progress (`context.restoreId` names it when "
                    + "given); report it completed or failed, then retry."),
    RESTORE_ALREADY_REPORTED(409,
            "A restore with this `restoreId` was already reported started (`context.status` says how it stands); "
                    + "a restore starts once: give a new id, or none, to report another restore."),
    RESTORE_NOT_STARTED(409,
            "The restore named in the path was never reported started on this dSource (`context.restoreId`); report "
                    + "its start before its completion or failure."),
    RESTORE_NOT_IN_PROGRESS(409,
            "The restore was already reported completed or failed (`context.status`); a restore ends once, so "
                    + "there is nothing more to report."),
    FILES_OUTSIDE_MOUNT_DIRECTORY(422,
            "Database files must lie directly in the mount's DB directory (`context.mountBase`), not in a "
                    + "sub-directory or elsewhere; `errors` or `context.files` names each offending path. Move the "
                    + "files there first."),
    BACKUP_SET_MISMATCH(422,
            "The backup set read after the restore is not the one reported when it started (`errors` names each "
                    + "differing field): another backup was probably restored. The restore stays in progress; report "
                    + "it failed if so."),
    FIRST_RESTORE_MUST_BE_FULL_WITH_REPLACE(422,
            "The first restore into a staging database must be a FULL backup restored WITH REPLACE (or a BACPAC "
                    + "import where the mode allows it); restore one first."),
    DIFFERENTIAL_BASE_MISMATCH(422,
            "The differential backup belongs to another full backup than the last one restored (`context` gives "
                    + "both checkpoint LSNs); restore the full backup it belongs to first."),
    BACKUP_ALREADY_APPLIED(422,
            "The backup ends at or before the LSN the database is already restored to (`context.lastLsn`, "
                    + "`context.position`); restore a later backup."),
    LOG_RESTORE_NEEDS_REBASE(422,
            "Storage resumed after a pause at its critical threshold, so a log backup cannot be applied (SQL Server "
                    + "Msg 4320); restore a FULL or DIFFERENTIAL backup first."),
    LSN_CHAIN_BROKEN(422,
            "Log backups are missing between the LSN the database is restored to and the first LSN of this log "
                    + "backup (`context.missingFromLsn` to `context.missingToLsn`); restore the missing log backups "
                    + "first."),
    LSN_CHAIN_OVERLAP(422,
            "The log backup starts inside the previous log backup instead of where it ended (`context.firstLsn`, "
                    + "`context.position`), so it probably belongs to another log chain; restore the log backup that "
                    + "follows the previous one."),
    NO_FULL_BACKUP_BASE(422,
            "A DIFFERENTIAL or LOG backup needs a full backup restored before it, but the staging database was last "
                    + "based on a BACPAC import; restore a FULL backup WITH REPLACE first."),
    DATABASE_RECOVERED(422,
            "The last restore recovered the database (it was not restored WITH NORECOVERY), so no DIFFERENTIAL or "
                    + "LOG backup can follow; restore a FULL backup to start a new chain."),
    BACPAC_REQUIRES_ONLINE_MODE(422,
            "A BACPAC import is supported only into a dSource in ONLINE database state mode "
                    + "(`context.databaseStateMode` gives this one's); restore a backup instead."),
    NORECOVERY_REQUIRED(422,
            "A dSource in RESTORING database state mode keeps its staging database restoring: restore WITH "
                    + "NORECOVERY."),

    // staging database monitoring
    OBSERVATION_OUT_OF_ORDER(409,
            "A later observation of the staging database was already reported (`context.lastObservedAt`); this "
                    + "older one is not applied, so drop it and report current observations only."),
    NOT_OBSERVED_YET(404, "Nothing observed yet",
            "The dSource exists but no observation of its staging database has been reported yet; read it again "
                    + "after the agent's first report."),

    // faults
    FAULT_NOT_ACTIVE(409,
            "Only an ACTIVE fault can be resolved or ignored, and this one already is resolved or ignored "
                    + "(`context.status`); there is nothing to do."),

    // agents
    AGENT_NOT_REGISTERED(404,
            "No agent of this name is registered; register it (`PUT /api/v1/agents/{name}`) first."),
    ENVIRONMENT_HOST_MISMATCH(409,
            "An environment of this name is registered for another host (`context.environmentId`), and an agent "
                    + "registers only the environment of its own host; register under another environment name."),
    TASK_NOT_HELD(409,
            "The task (`context.taskId`) is held by another agent; an agent reports only the tasks it claimed."),

    // API keys
    ENCRYPTION_KEY_MISSING(503, "No data-encryption key",
            "The service has no data-encryption key (`timeflow.encryption.key`), so it cannot issue API keys; an "
                    + "operator must configure one.");

    /** Every code staging-service can answer: the common ones, then these; then the codes of its warnings. */
    public static final ProblemCatalogue CATALOGUE = ProblemCatalogue.of("staging-service", values())
            .withJobCodes(StagingWarning.values());

    private final Entry entry;

    StagingProblem(int status, String meaning) {
        this.entry = new Entry(status, meaning);
    }

    StagingProblem(int status, String title, String meaning) {
        this.entry = new Entry(status, title, meaning);
    }

    @Override
    public Entry entry() {
        return entry;
    }
}
