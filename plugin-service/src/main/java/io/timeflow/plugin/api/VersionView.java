package io.timeflow.plugin.api;

import io.timeflow.plugin.domain.PluginService;
import io.timeflow.plugin.domain.PluginVersion;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PluginVersion", description = "A version of a plugin that was installed")
public record VersionView(
        UUID versionId,
        @Schema(examples = "2.0.0") String version,
        @Schema(examples = "2.0.0") String buildNumber,
        @Schema(description = "Its migration ids, in numeric order") List<String> migrationIds,
        Instant installedAt,
        @Schema(description = "Who installed or upgraded to it") String installedBy,
        @Schema(description = "The upgrade that installed it; absent for the first install") UUID upgradeId) {

    static VersionView of(PluginVersion v) {
        return new VersionView(v.id(), v.externalVersion(), v.buildNumber(),
                PluginService.migrationsOf(v.migrationsJson()).stream().map(m -> m.id().spelling()).toList(),
                v.installedAt(), v.installedBy(), v.upgradeId());
    }
}
