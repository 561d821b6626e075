package io.timeflow.staging.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ApiKeyRequest", description = "An API key to create for automation (hook scripts, backup scripts)")
public record ApiKeyRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '_' and '-'")
        @Schema(description = "What the key is for", examples = "restore-hook-sqlstage-01") String name,
        @NotNull @Schema(description = "The role the key holds: any role but admin", examples = "agent",
                enumeration = {"viewer", "operator", "agent", "plugin-admin", "backup-admin"}) String role) {
}
