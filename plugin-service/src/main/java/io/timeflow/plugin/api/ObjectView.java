package io.timeflow.plugin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.timeflow.plugin.domain.ObjectService;
import io.timeflow.plugin.domain.ObjectType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PluginObject", description = "An object defined by a plugin. Sensitive values are never shown: "
        + "sensitiveFields lists where they are.")
public record ObjectView(
        UUID id,
        @Schema(examples = "16bef554-9470-11e9-b2e3-8c8590d4a42c") String pluginId,
        @Schema(examples = "LINKED_SOURCE") ObjectType type,
        @Schema(description = "The value of the definition's nameField, when it has one", examples = "/var/db/db01")
        String name,
        @Schema(description = "The object's data as the plugin's schema defines it, without its sensitive values",
                examples = "{\"skipHiddenAndBackup\": false}") JsonNode data,
        @Schema(description = "JSON pointers of the sensitive values the object holds (write-only)",
                examples = "[\"/password\"]") List<String> sensitiveFields,
        @Schema(description = "JSON pointers of fields that still carry a sentinel value the schema declares",
                examples = "[\"/port\"]") List<String> sentinelFields,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Incremented on every change") long version) {

    static ObjectView of(ObjectService.ObjectSnapshot s) {
        var o = s.object();
        return new ObjectView(o.id(), o.pluginId(), o.type(), o.name(), s.visibleData(), s.sensitiveFields(),
                s.sentinelFields(), o.createdAt(), o.updatedAt(), o.version());
    }
}
