package io.timeflow.plugin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.timeflow.plugin.domain.ObjectType;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the objects API. */
final class ObjectRequests {

    private ObjectRequests() {
    }

    @Schema(name = "NewPluginObject", description = "An object to create, validated against the plugin's schema")
    record Create(
            @NotNull @Schema(examples = "VIRTUAL_SOURCE") ObjectType type,
            @NotNull @Schema(description = "Data conforming to the type's definition in the plugin's schema",
                    examples = "{\"name\": \"vdb01\", \"port\": 5433, \"password\": \"s3cret\"}") JsonNode data) {
    }

    @Schema(name = "PluginObjectUpdate", description = "New data for an object (replaces it). A sensitive value "
            + "left out keeps its stored value.")
    record Replace(
            @NotNull @Schema(examples = "{\"name\": \"vdb01\", \"port\": 5434}") JsonNode data) {
    }
}
