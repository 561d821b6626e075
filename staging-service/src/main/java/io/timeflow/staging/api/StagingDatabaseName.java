package io.timeflow.staging.api;

/** What a staging database may be called: a SQL Server identifier that needs no quoting in the hook scripts. */
final class StagingDatabaseName {

    static final String PATTERN = "[A-Za-z_][A-Za-z0-9_@#$-]*";
    static final String MESSAGE = "must start with a letter or '_' and hold only letters, digits, '_', '@', '#', '$' or '-'";

    private StagingDatabaseName() {
    }
}
