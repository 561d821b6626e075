package io.timeflow.events.staging;

/** The state of a dSource's storage, as the storage agent reports it. */
public enum StorageState {
    /** Storage is writable; restores proceed. */
    RUNNING,
    /** Storage passed its critical threshold and was paused; restores into the staging database fail. */
    PAUSED_AT_CRITICAL_THRESHOLD
}
