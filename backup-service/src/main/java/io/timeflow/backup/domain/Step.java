package io.timeflow.backup.domain;

import java.time.Instant;

/**
 * One step of a job and its result.
 *
 * @param name   e.g. VERIFY, QUIESCE, SAFETY_BACKUP, LOAD, SWAP
 * @param state  SUCCEEDED or FAILED
 * @param at     when it ended
 * @param detail what it did, for people
 */
public record Step(String name, String state, Instant at, String detail) {
}
