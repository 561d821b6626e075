package io.timeflow.backup.domain;

/** Why a backup exists. */
public enum Trigger {
    /** An operator asked for it. */
    MANUAL,
    /** The schedule fired. */
    SCHEDULED,
    /** A restore took it before replacing the data. */
    SAFETY,
    /** An archive was uploaded (from another installation, say). */
    UPLOADED
}
