package io.timeflow.backup.domain;

import io.timeflow.platform.problem.ProblemCatalogue;
import io.timeflow.platform.problem.ProblemCode;

/**
 * The problem codes of backup-service beyond the common ones ({@link io.timeflow.platform.problem.CommonProblem}).
 * A code a job fails with (its {@code error.code}) is one of these when the failure is a refusal; the archive
 * faults are the codes of {@link io.timeflow.backup.archive.ArchiveException.Reason}. The codes only jobs' results
 * carry are {@link BackupJobCode}'s.
 */
public enum BackupProblem implements ProblemCode {

    // backups

    OPERATION_IN_PROGRESS(409,
            "A backup or restore runs: backups and restores run one at a time, and the data-encryption key is not rotated "
                    + "while either runs. `context.runningKind` and `context.runningId` name the job; try again once it has ended."),
    ARCHIVE_KEY_NOT_CONFIGURED(409,
            "No usable archive key is configured (timeflow.backup.passphrase or timeflow.backup.key): backups, uploads "
                    + "and restores need it, and so does reading an archive when the request names no passphrase. An operator "
                    + "sets it."),
    BACKUP_RUNNING(409, "The backup is still running and cannot be deleted; delete it once it has ended."),
    BACKUP_NOT_AVAILABLE(409,
            "The backup has no stored archive (it failed, was skipped or has not finished; `context.state` says which), "
                    + "so it cannot be downloaded, verified or restored."),
    ARCHIVE_MISSING(409, "Archive missing",
            "The backup is in the catalogue but its archive is not in this installation's store (it came with a restore "
                    + "from another installation's catalogue, or was removed by hand). To use it here, upload its archive "
                    + "(`POST /api/v1/backups/imports`): it becomes the entry's archive."),

    // archives: a verification or an upload refused, or a restore's `error.code`

    NOT_AN_ARCHIVE(422,
            "The file is not a Timeflow backup archive, or one of a format version this version does not read."),
    WRONG_PASSPHRASE(422,
            "The archive was made with another passphrase or key than the one used to read it; give the passphrase it was "
                    + "made with (`passphrase` of a verification or restore, the `Timeflow-Archive-Passphrase` header of an upload)."),
    ARCHIVE_TAMPERED(422,
            "The archive fails its checks: a chunk does not authenticate, a checksum or row count differs, or its structure "
                    + "is broken. It cannot be used; take or upload another copy."),
    ARCHIVE_TRUNCATED(422, "The archive ends before its final chunk (an incomplete copy or transfer); use a complete copy."),
    BACKUP_EXISTS(409,
            "The uploaded archive is of a backup that is already in the catalogue with its archive, or that did not "
                    + "succeed (`context.backupId`); nothing was stored."),
    VERIFICATION_FAILED(500, "Verification failed",
            "Reading the stored archive failed for a reason other than its content (the store, say); nothing is known "
                    + "about the archive. Try again, or see the service's log."),
    UPLOAD_FAILED(500, "Upload failed",
            "The uploaded archive could not be written to the store. Try again once the store works."),

    // restores: refused when requested, or a restore's `error.code`

    CONFIRMATION_REQUIRED(400, "Confirmation required",
            "A restore replaces all of the suite's data: `confirm` must repeat the id of the backup to restore "
                    + "(`context.backupId`). Nothing was started."),
    INSUFFICIENT_DATABASE_SPACE(409,
            "The database has no room to load the backup beside the live data; `context.neededBytes` and "
                    + "`context.freeBytes` give both figures. Make room or give the database more storage, then restore again."),
    BACKUP_NEWER_THAN_SUITE(422,
            "The backup was taken by a newer version of the suite than the one running (`context.backupVersion`, "
                    + "`context.runningVersion`); a backup restores only into the same or a newer version."),
    UNKNOWN_MIGRATION(422,
            "A schema of the backup has a migration this version does not have (`context.schema`, "
                    + "`context.migrationVersion`): it was taken by another build and cannot be restored into this one."),
    DATA_KEY_MISSING(422,
            "A restore's `error.code`: the backup's secrets are sealed with data-encryption keys that neither the archive "
                    + "nor this installation holds (the message names them). Nothing was restored."),
    SAFETY_BACKUP_FAILED(500, "Safety backup failed",
            "A restore's `error.code`: the backup of the current data, taken before anything is replaced, failed (the "
                    + "message names it and its code). The restore changed nothing."),

    // the key ring

    ENCRYPTION_KEY_MISSING(503, "No data-encryption key",
            "The service has no installation key (timeflow.encryption.key), which the key ring and restores need; an "
                    + "operator configures it."),
    KEY_RING_UNREADABLE(500, "Key ring unreadable", "The key ring could not be read from the database; try again later."),
    ROTATION_FAILED(500, "Rotation failed",
            "The data-encryption key could not be rotated; nothing changed. Try again, or see the service's log.");

    /** backup-service's whole catalogue: the common codes, then these; and the codes of its jobs' results. */
    public static final ProblemCatalogue CATALOGUE = ProblemCatalogue.of("backup-service", values())
            .withJobCodes(BackupJobCode.values());

    private final Entry entry;

    BackupProblem(int status, String meaning) {
        this.entry = new Entry(status, meaning);
    }

    BackupProblem(int status, String title, String meaning) {
        this.entry = new Entry(status, title, meaning);
    }

    @Override
    public Entry entry() {
        return entry;
    }
}
