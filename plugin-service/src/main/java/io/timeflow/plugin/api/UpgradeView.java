package io.timeflow.plugin.api;

import io.timeflow.plugin.domain.PluginService;
import io.timeflow.plugin.domain.Upgrade;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Upgrade", description = "An upgrade (or a dry run) of a plugin to a new version: "
        + "PENDING, RUNNING, then SUCCEEDED or FAILED")
public record UpgradeView(
        UUID id,
        String pluginId,
        UpgradeState state,
        @Schema(description = "A dry run reports what every object would become and commits nothing") boolean dryRun,
        @Schema(examples = "1.0.0") String fromVersion,
        @Schema(examples = "1.0.0") String fromBuildNumber,
        @Schema(examples = "2.0.0") String toVersion,
        @Schema(examples = "2.0.0") String toBuildNumber,
        @Schema(description = "The version the upgrade installed, once it SUCCEEDED (not for dry runs)") UUID versionId,
        @Schema(description = "The migrations that are new in the new version, in the order they run")
        List<MigrationView> migrations,
        @Schema(description = "Objects of the plugin when the upgrade started") long objectsTotal,
        @Schema(description = "Objects migrated and valid so far") long objectsMigrated,
        @Schema(description = "Objects that failed so far") long objectsFailed,
        @Schema(description = "Why it failed; names object, migration id, field path and rule, never a sensitive value")
        Error error,
        @Schema(description = "What the migrations printed or logged, sensitive values redacted") String output,
        String requestedBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    @Schema(name = "UpgradeError")
    public record Error(
            @Schema(examples = "SCHEMA_VALIDATION_FAILED") String code,
            @Schema(examples = "linked source 5d0c8f2e-3b7a-4a64-9f65-2d4f7c8e9a10 after migration 2019.11.20 does not "
                    + "conform to the new schema: /skipHiddenAndBackup is required (rule required)") String message) {
    }

    static UpgradeView of(Upgrade u) {
        return new UpgradeView(u.id(), u.pluginId(), UpgradeState.of(u.state()), u.dryRun(), u.fromVersion(), u.fromBuild(),
                u.toVersion(), u.toBuild(), u.toVersionId(),
                PluginService.migrationsOf(u.migrationsJson()).stream().map(MigrationView::of).toList(),
                u.objectsTotal(), u.objectsDone(), u.objectsFailed(),
                u.errorCode() == null ? null : new Error(u.errorCode(), u.errorMessage()), u.output(), u.requestedBy(),
                u.createdAt(), u.startedAt(), u.finishedAt());
    }
}
