package io.timeflow.events.staging;

/** The state of the staging database as SQL Server reports it ({@code sys.databases.state_desc} and flags). */
public enum DatabaseState { ONLINE, RESTORING, READ_ONLY, STANDBY, EMERGENCY, OFFLINE, MISSING }
