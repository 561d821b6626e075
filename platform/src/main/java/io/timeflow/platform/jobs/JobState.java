package io.timeflow.platform.jobs;

/**
 * The one state machine of the suite's long operations (jobs): accepted as {@code PENDING}, {@code RUNNING} once a
 * replica works on it, then one of the four ends. Every kind uses it; a kind may never reach some of the ends (a
 * plugin upgrade is never {@code SKIPPED} nor {@code CANCELLED}, and its API lists only the states it can have).
 */
public enum JobState {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED;

    /** Whether the job has ended: nothing will change it again. */
    public boolean finished() {
        return this != PENDING && this != RUNNING;
    }
}
