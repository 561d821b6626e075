package io.timeflow.plugin.domain;

/** The state machine of an upgrade job: PENDING → RUNNING → SUCCEEDED | FAILED. */
public enum UpgradeState {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
