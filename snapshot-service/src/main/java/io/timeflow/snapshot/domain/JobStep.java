package io.timeflow.snapshot.domain;

import java.time.Instant;

/**
 * One step of a SnapSync job and its result: a prerequisite, fetching the last restored backup,
 * looking for an existing snapshot, taking the snapshot, applying retention.
 *
 * @param name    stable name, e.g. {@code DATA_MOUNTED} or {@code FETCH_LAST_BACKUP}
 * @param outcome PASSED, FAILED or SKIPPED (not reached)
 * @param detail  what was found, for people
 * @param at      when the step ended
 */
public record JobStep(String name, String outcome, String detail, Instant at) {

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";
}
