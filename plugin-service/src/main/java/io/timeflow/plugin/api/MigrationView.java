package io.timeflow.plugin.api;

import io.timeflow.plugin.domain.Migration;
import io.timeflow.plugin.domain.ObjectType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Migration", description = "A data migration of a plugin version")
public record MigrationView(
        @Schema(description = "The migration id as the plugin wrote it", examples = "2019.11.20") String id,
        @Schema(description = "The normal form of the id (no leading zeros, no trailing zero parts)", examples = "2019.11.20")
        String canonicalId,
        @Schema(description = "The object type whose chain it belongs to", examples = "LINKED_SOURCE") ObjectType objectType,
        @Schema(description = "The Python function", examples = "add_skip_option") String function,
        @Schema(description = "Where it is defined in the bundle", examples = "src/plugin_runner.py") String file,
        @Schema(description = "The line of its decorator", examples = "42") int line) {

    static MigrationView of(Migration m) {
        return new MigrationView(m.id().spelling(), m.id().canonical(), m.type(), m.function(), m.file(), m.line());
    }
}
