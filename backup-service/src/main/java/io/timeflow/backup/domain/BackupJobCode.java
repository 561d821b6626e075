package io.timeflow.backup.domain;

import io.timeflow.platform.jobs.JobCode;

/**
 * The codes backups and restores carry in their results, beyond the problem codes ({@link BackupProblem}): the
 * {@code error.code} of a failed job (and of its {@code BackupFailed} or {@code RestoreFailed} event) and the
 * {@code code} of a warning. A job that fails on a refusal carries that problem's code instead (e.g.
 * {@code ARCHIVE_TAMPERED}, {@code SAFETY_BACKUP_FAILED}, {@code ARCHIVE_KEY_NOT_CONFIGURED}).
 */
public enum BackupJobCode implements JobCode {

    // a backup's or a restore's error.code

    INTERRUPTED("A backup's or restore's `error.code`: the replica running it stopped, or could not record how it "
            + "ended, and recovery ended it once its lease ran out (the message says when it was last heard of); a "
            + "restore also ends so when it loses the database before the swap. The backup has no archive; the "
            + "restore changed nothing, the previous data is in place. Run it again."),
    UNFINISHED_AT_BACKUP("A backup's or restore's `error.code` in a catalogue a restore brought back: the job was "
            + "still running when the restored backup was taken, so the archive does not say how it ended; the "
            + "installation that ran it recorded that. Nothing to do."),

    // a backup's error.code

    STORAGE_FAILED("A backup's `error.code`: its archive could not be written to the store (a directory not writable "
            + "or full, a bucket unreachable or refusing; the message says which). Nothing was kept; back up again once "
            + "the store works."),
    DATABASE_FAILED("A backup's `error.code`: the suite's data could not be read, the database refused or ended the "
            + "backup's session (the message says why). Nothing was kept; back up again once the database works."),
    BACKUP_FAILED("A backup's `error.code` for any other failure while its archive was written (the message says "
            + "what). Nothing was kept; see the service's log, then back up again."),

    // a restore's error.code

    QUIESCE_TIMEOUT("A restore's `error.code`: once writes were refused, writes in flight did not end in time "
            + "(timeflow.backup.quiesce-timeout) for the restore to lock the live tables. The previous data is in "
            + "place; restore again when the suite is less busy."),
    RESTORE_FAILED("A restore's `error.code` for any other failure before the swap (the message says what). The "
            + "previous data is in place; see the service's log, then restore again."),

    // warnings

    SAFETY_BACKUP("A backup's warning: a restore (named in the message) took it before it replaced the data, so it "
            + "holds the data as it was. Restore it to undo that restore; keep it until the restored data is checked."),
    OPERATION_IN_PROGRESS("A scheduled backup's warning when it is SKIPPED: another backup or restore was running "
            + "when the schedule fired (the message names it), and they run one at a time. The next fire runs as "
            + "usual; back up by hand if this one is needed."),
    RECOVERED("A restore's warning: its swap had committed, but the restore could not record its end (its replica "
            + "stopped, or what followed the swap failed; the message says which), and it was ended as succeeded. The "
            + "restored data is in place and the backup schedule follows the restored one, but what the restore "
            + "records after the swap may be missing (its SWAP step, `schemas`, `upgraded`).");

    private final String meaning;

    BackupJobCode(String meaning) {
        this.meaning = meaning;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
