package io.timeflow.platform.problem;

import io.timeflow.platform.jobs.JobCode;

/**
 * Something the caller should know about an operation that went on or succeeded: a stable code a
 * program can match and a sentence for people. Jobs, provisionings and restores carry a list of them;
 * each service lists its own codes as {@link JobCode}s.
 */
public record Warning(String code, String message) {

    /** A warning with one of the service's codes (the form services use: a code outside a catalogue is a typo). */
    public Warning(JobCode code, String message) {
        this(code.name(), message);
    }
}
