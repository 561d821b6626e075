package io.timeflow.snapshot.api;

/** Example bodies for the OpenAPI document. */
final class ApiExamples {

    private ApiExamples() {
    }

    static final String SNAPSYNC_REQUEST = """
            {"dsourceId": "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01"}""";

    static final String SNAPSYNC_JOB_PENDING = """
            {"id": "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8", "dsourceId": "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01",
             "trigger": "REQUEST", "state": "PENDING", "warnings": [], "steps": [], "requestedBy": "operator-user",
             "createdAt": "2026-11-23T08:00:00Z"}""";

    static final String SNAPSYNC_JOB_SKIPPED = """
            {"id": "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8", "dsourceId": "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01",
             "trigger": "REQUEST", "state": "SKIPPED", "code": "SNAPSHOT_EXISTS_FOR_BACKUP",
             "detail": "snapshot 5b0e3c1d-7a2f-4e68-9b14-2c3d4e5f6a70 already holds the last restored backup in the current timeflow",
             "existingSnapshotId": "5b0e3c1d-7a2f-4e68-9b14-2c3d4e5f6a70",
             "warnings": [{"code": "SNAPSHOT_EXISTS_FOR_BACKUP", "message": "snapshot 5b0e3c1d-... already holds it"}],
             "steps": [{"name": "DSOURCE_ENABLED_AND_LINKED", "outcome": "PASSED", "detail": "enabled and linked",
                        "at": "2026-11-23T08:00:01Z"}],
             "requestedBy": "operator-user", "createdAt": "2026-11-23T08:00:00Z",
             "startedAt": "2026-11-23T08:00:01Z", "finishedAt": "2026-11-23T08:00:01Z"}""";

    static final String READINESS = """
            {"dsourceId": "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01", "dsourceName": "sales-staging", "ready": false,
             "prerequisites": [{"name": "STATE_MATCHES_MODE", "passed": false,
               "description": "the staging database is in the state its mode requires (RESTORING, or ONLINE for ONLINE mode)",
               "detail": "the staging database is ONLINE, but a RESTORING-mode dSource needs it RESTORING (fault CANNOT_MONITOR is active)"}],
             "wouldDo": "FAIL", "code": "STATE_MATCHES_MODE"}""";

    static final String SNAPSHOT = """
            {"id": "5b0e3c1d-7a2f-4e68-9b14-2c3d4e5f6a70", "dsourceId": "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01",
             "timeflowId": "a7d1e2f3-4b5c-4d6e-8f90-1a2b3c4d5e6f", "snapSyncJobId": "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8",
             "emptyDatabase": false,
             "backupSet": {"restoreId": "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f", "type": "LOG",
               "backupFileLocation": "\\\\\\\\10-43-89-18\\\\Backup\\\\sp_log_0800.trn",
               "firstLsn": "34000000021600001", "lastLsn": "34000000023200001",
               "recoveryForkGuid": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "sourceReadOnly": false},
             "sourceReadOnly": false, "databaseStateMode": "RESTORING", "takenAt": "2026-11-23T08:00:00Z",
             "timeZone": "Europe/Paris", "takenAtLocal": "2026-11-23T09:00+01:00", "dependants": []}""";

    static final String TIMEFLOW = """
            {"id": "a7d1e2f3-4b5c-4d6e-8f90-1a2b3c4d5e6f", "dsourceId": "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01",
             "name": "timeflow-2", "ordinal": 2, "recoveryForkGuid": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
             "reason": "RECOVERY_FORK_CHANGED", "previousTimeflowId": "11d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
             "current": true, "createdAt": "2026-11-23T08:00:00Z", "snapshotCount": 3}""";

    static final String POLICY_REQUEST = """
            {"name": "nightly", "cron": "0 0 2 * * ?", "timeZone": "Europe/Paris",
             "retention": {"keepLast": 7, "keepDays": 30}}""";

    static final String POLICY = """
            {"id": "c0ffee00-1234-4abc-8def-0123456789ab", "name": "nightly", "cron": "0 0 2 * * ?",
             "timeZone": "Europe/Paris", "retention": {"keepLast": 7, "keepDays": 30},
             "dsourceIds": ["3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01"], "nextRunAt": "2026-11-24T01:00:00Z",
             "createdAt": "2026-11-23T08:00:00Z", "updatedAt": "2026-11-23T08:00:00Z"}""";

    static final String VDB_REQUEST = """
            {"name": "sales-dev", "snapshotId": "5b0e3c1d-7a2f-4e68-9b14-2c3d4e5f6a70",
             "targetEnvironmentId": "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10"}""";

    static final String VDB = """
            {"id": "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "name": "sales-dev",
             "snapshotId": "5b0e3c1d-7a2f-4e68-9b14-2c3d4e5f6a70", "dsourceId": "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01",
             "timeflowId": "a7d1e2f3-4b5c-4d6e-8f90-1a2b3c4d5e6f", "targetEnvironmentId": "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10",
             "warnings": [], "provisionedAt": "2026-11-23T08:00:00Z", "provisionedBy": "operator-user"}""";

    static final String PROBLEM_VALIDATION = """
            {"type": "urn:timeflow:problem:validation-failed", "title": "Request is not valid", "status": 400,
             "detail": "dsourceId is required", "code": "VALIDATION_FAILED",
             "errors": [{"field": "dsourceId", "message": "must not be null"}]}""";

    static final String PROBLEM_UNKNOWN_DSOURCE = """
            {"type": "urn:timeflow:problem:unknown-dsource", "title": "Refused by a rule", "status": 422,
             "detail": "dsourceId names no dSource that snapshot-service knows", "code": "UNKNOWN_DSOURCE",
             "errors": [{"field": "dsourceId", "message": "names no known dSource"}]}""";

    static final String PROBLEM_UPGRADE = """
            {"type": "urn:timeflow:problem:plugin-upgrade-in-progress", "title": "Conflict with the current state",
             "status": 409, "code": "PLUGIN_UPGRADE_IN_PROGRESS",
             "detail": "SnapSync of dSource sales-staging is refused while plugin mssql-staging-push is being upgraded",
             "context": {"pluginId": "mssql-staging-push", "upgradeId": "0d3c5a8e-6f0e-4a43-9c39-2f5a7f1d6b21"}}""";

    static final String PROBLEM_NOT_FOUND = """
            {"type": "urn:timeflow:problem:not-found", "title": "Resource not found", "status": 404,
             "code": "NOT_FOUND", "detail": "snapshot 5b0e3c1d-7a2f-4e68-9b14-2c3d4e5f6a70 does not exist"}""";

    static final String PROBLEM_DEPENDANTS = """
            {"type": "urn:timeflow:problem:snapshot-has-dependants", "title": "Conflict with the current state",
             "status": 409, "code": "SNAPSHOT_HAS_DEPENDANTS",
             "detail": "snapshot 5b0e3c1d-... cannot be deleted: VDBs depend on it: sales-dev",
             "context": {"vdbs": [{"id": "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "name": "sales-dev"}]}}""";

    static final String PROBLEM_POINT_IN_TIME = """
            {"type": "urn:timeflow:problem:point-in-time-not-supported", "title": "Refused by a rule", "status": 422,
             "code": "POINT_IN_TIME_NOT_SUPPORTED",
             "detail": "point-in-time provisioning is not supported for staging-push dSources: provision from a snapshot (snapshotId) without timestamp",
             "errors": [{"field": "timestamp", "message": "point in time is not supported; omit it"}]}""";

    static final String PROBLEM_BAD_CRON = """
            {"type": "urn:timeflow:problem:validation-failed", "title": "Request is not valid", "status": 400,
             "code": "VALIDATION_FAILED", "detail": "cron: must be a Quartz cron expression of 6 or 7 fields",
             "errors": [{"field": "cron", "message": "must be a Quartz cron expression of 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), e.g. 0 0 2 * * ?"}]}""";

    static final String PROBLEM_UNAUTHORIZED = """
            {"type": "urn:timeflow:problem:unauthorized", "title": "Authentication required", "status": 401,
             "code": "UNAUTHORIZED", "detail": "send a valid bearer token or API key"}""";

    static final String PROBLEM_FORBIDDEN = """
            {"type": "urn:timeflow:problem:forbidden", "title": "Forbidden", "status": 403, "code": "FORBIDDEN",
             "detail": "the caller's roles do not allow this operation"}""";

    static final String HOOK_CLAIM = """
            {"agent": "sqlstage-01", "environmentIds": ["6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10"], "leaseSeconds": 30}""";

    static final String HOOK_LEASE = """
            {"leaseId": "2b3c4d5e-6f70-4a1b-9c2d-3e4f5a6b7c8d", "leaseSeconds": 30}""";

    static final String HOOK_REPORT = """
            {"leaseId": "2b3c4d5e-6f70-4a1b-9c2d-3e4f5a6b7c8d", "hookName": "restore latest backup", "exitCode": 0,
             "timedOut": false, "durationMs": 4210,
             "output": ["restoring \\\\10-43-89-18\\\\Backup\\\\sp.bak", "RESTORE DATABASE successfully processed 2 pages."],
             "lastRestoreId": "7d9e8f10-1a2b-4c3d-9e4f-5a6b7c8d9e0f"}""";

    static final String VDB_REFRESH = """
            {"snapshotId": "5b0e3c1d-7a2f-4e68-9b14-2c3d4e5f6a70"}""";
}
