package io.timeflow.plugin.api;

import io.timeflow.plugin.domain.PluginService;
import io.timeflow.plugin.domain.PluginState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Plugin", description = "An installed plugin and its current version")
public record PluginView(
        @Schema(description = "The plugin's id, from its plugin config", examples = "16bef554-9470-11e9-b2e3-8c8590d4a42c")
        String id,
        @Schema(examples = "Text files") String name,
        @Schema(description = "ACTIVE, or UPGRADING while an upgrade runs (object writes are refused then)")
        PluginState state,
        @Schema(description = "The upgrade under way, when UPGRADING") UUID upgradeId,
        @Schema(description = "The current version's id") UUID versionId,
        @Schema(description = "The external version", examples = "2.0.0") String version,
        @Schema(description = "The build number", examples = "2.0.0") String buildNumber,
        @Schema(examples = "PYTHON38") String language,
        @Schema(examples = "DIRECT") String pluginType,
        @Schema(examples = "[\"UNIX\"]") List<String> hostTypes,
        @Schema(examples = "plugin_runner:plugin") String entryPoint,
        @Schema(description = "The current version's migration ids, in numeric order") List<String> migrationIds,
        @Schema(description = "The current version's migrations, in numeric order") List<MigrationView> migrations,
        @Schema(description = "The other plugin operations the version registers") List<String> operations,
        Instant installedAt,
        Instant createdAt,
        Instant updatedAt) {

    static PluginView of(PluginService.PluginWithVersion p) {
        var plugin = p.plugin();
        var version = p.version();
        var migrations = PluginService.migrationsOf(version.migrationsJson());
        return new PluginView(plugin.id(), plugin.name(), plugin.state(), plugin.upgradeId().orElse(null), version.id(),
                version.externalVersion(), version.buildNumber(), version.language(), version.pluginType(),
                Json.strings(version.hostTypesJson()), version.entryPoint(),
                migrations.stream().map(m -> m.id().spelling()).toList(),
                migrations.stream().map(MigrationView::of).toList(), Json.strings(version.operationsJson()),
                version.installedAt(), plugin.createdAt(), plugin.updatedAt());
    }
}
