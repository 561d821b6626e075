package io.timeflow.backup.domain;

/** Something a job's requester should know though the job went on: a stable code and a sentence. */
public record Warning(String code, String message) {
}
