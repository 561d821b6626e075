package io.timeflow.staging.domain;

/** Something the caller should know about an operation that succeeded: a stable code and a sentence. */
public record Warning(String code, String message) {
}
