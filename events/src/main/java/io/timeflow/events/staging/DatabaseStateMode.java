package io.timeflow.events.staging;

/** The state a staging-push dSource keeps its staging database in, chosen at link time. */
public enum DatabaseStateMode {
    /** Updated by restoring backups WITH NORECOVERY; only RESTORING is a supported observed state. */
    RESTORING,
    /** Usable online (e.g. a BACPAC import); only ONLINE is a supported observed state. */
    ONLINE
}
