package io.timeflow.events.staging;

/** What kind of backup a restore applied. */
public enum BackupType { FULL, DIFFERENTIAL, LOG, BACPAC }
