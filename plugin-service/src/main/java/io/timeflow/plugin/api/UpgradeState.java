package io.timeflow.plugin.api;

import io.timeflow.platform.jobs.JobState;

/**
 * The states an upgrade job can be in, as the API lists them: PENDING → RUNNING → SUCCEEDED | FAILED. An upgrade is a
 * job of the suite's one state machine ({@link JobState}) that is never SKIPPED nor CANCELLED.
 */
public enum UpgradeState {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED;

    static UpgradeState of(JobState state) {
        return switch (state) {
            case PENDING -> PENDING;
            case RUNNING -> RUNNING;
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case SKIPPED, CANCELLED -> throw new IllegalStateException("an upgrade is never " + state);
        };
    }
}
