package io.timeflow.backup.domain;

import java.util.List;

/**
 * A schema held by a backup: its migration version and what its tables hold.
 *
 * @param schema            staging, snapshot, plugin
 * @param migrationVersion  the highest migration applied
 * @param appliedMigrations every migration applied
 * @param tables            tables in the archive
 * @param rows              rows in all of them
 */
public record SchemaVersion(String schema, String migrationVersion, List<String> appliedMigrations, int tables,
        long rows) {
}
