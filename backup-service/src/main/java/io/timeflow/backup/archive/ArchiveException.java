package io.timeflow.backup.archive;

import io.timeflow.backup.domain.BackupProblem;

/**
 * An archive that cannot be used, with the stable reason. Never carries archive contents or key
 * material in its message.
 */
public class ArchiveException extends RuntimeException {

    /** Why an archive is refused, each with the problem code an API answer or a job carries. */
    public enum Reason {
        /** Not a Timeflow backup archive (wrong magic) or an unknown format version. */
        NOT_AN_ARCHIVE(BackupProblem.NOT_AN_ARCHIVE),
        /** The key derived from the passphrase (or the given key) is not the one the archive was made with. */
        WRONG_KEY(BackupProblem.WRONG_PASSPHRASE),
        /** A chunk failed authentication, a checksum or a count differs, or the structure is broken. */
        TAMPERED(BackupProblem.ARCHIVE_TAMPERED),
        /** The archive ends before its final chunk. */
        TRUNCATED(BackupProblem.ARCHIVE_TRUNCATED);

        private final BackupProblem problem;

        Reason(BackupProblem problem) {
            this.problem = problem;
        }

        public BackupProblem problem() {
            return problem;
        }
    }

    private final Reason reason;

    public ArchiveException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ArchiveException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The problem an API answer carries (422, e.g. {@code ARCHIVE_TAMPERED}). */
    public BackupProblem problem() {
        return reason.problem();
    }

    /** The problem code an API answer or a job carries, e.g. {@code ARCHIVE_TAMPERED}. */
    public String code() {
        return reason.problem().code();
    }
}
