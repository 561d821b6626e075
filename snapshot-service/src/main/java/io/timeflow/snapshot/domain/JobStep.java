package io.timeflow.snapshot.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One step of a SnapSync job and its result: a hook the staging host's agent ran, a prerequisite,
 * fetching the last restored backup, looking for an existing snapshot, taking the snapshot, applying
 * retention.
 *
 * @param name    stable name, e.g. {@code PRE_SYNC_HOOK}, {@code DATA_MOUNTED} or {@code FETCH_LAST_BACKUP}
 * @param outcome PASSED, FAILED, SKIPPED (not reached) or RUNNING (a hook under way)
 * @param detail  what was found, for people
 * @param at      when the step ended (or, while RUNNING, when it last changed)
 * @param output  a hook's output as the agent captured it (capped, secrets redacted); absent for other steps
 */
public record JobStep(String name, String outcome, String detail, Instant at,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> output) {

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";
    public static final String RUNNING = "RUNNING";

    public JobStep(String name, String outcome, String detail, Instant at) {
        this(name, outcome, detail, at, null);
    }
}
