package io.timeflow.backup.archive;

/**
 * An archive that cannot be used, with the stable reason. Never carries archive contents or key
 * material in its message.
 */
public class ArchiveException extends RuntimeException {

    /** Why an archive is refused. */
    public enum Reason {
        /** Not a Timeflow backup archive (wrong magic) or an unknown format version. */
        NOT_AN_ARCHIVE,
        /** The key derived from the passphrase (or the given key) is not the one the archive was made with. */
        WRONG_KEY,
        /** A chunk failed authentication, a checksum or a count differs, or the structure is broken. */
        TAMPERED,
        /** The archive ends before its final chunk. */
        TRUNCATED
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

    /** The problem code an API answer or a job carries, e.g. {@code ARCHIVE_TAMPERED}. */
    public String code() {
        return switch (reason) {
            case NOT_AN_ARCHIVE -> "NOT_AN_ARCHIVE";
            case WRONG_KEY -> "WRONG_PASSPHRASE";
            case TAMPERED -> "ARCHIVE_TAMPERED";
            case TRUNCATED -> "ARCHIVE_TRUNCATED";
        };
    }
}
