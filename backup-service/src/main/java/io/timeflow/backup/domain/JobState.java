package io.timeflow.backup.domain;

/** The state machine of long operations (backups and restores). */
public enum JobState {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == CANCELLED;
    }
}
