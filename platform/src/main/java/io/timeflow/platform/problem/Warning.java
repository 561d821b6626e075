package io.timeflow.platform.problem;

/**
 * Something the caller should know about an operation that went on or succeeded: a stable code a
 * program can match and a sentence for people. Jobs, provisionings and restores carry a list of them;
 * each service names its own codes.
 */
public record Warning(String code, String message) {
}
