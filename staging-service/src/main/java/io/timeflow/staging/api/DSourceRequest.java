package io.timeflow.staging.api;

import io.timeflow.events.staging.DatabaseStateMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DSourceRequest", description = "A staging-push dSource to link")
public record DSourceRequest(
        @NotBlank @Size(max = 200) @Schema(description = "Unique dSource name", examples = "sales-staging") String name,
        @NotBlank @Size(max = 128) @Pattern(regexp = StagingDatabaseName.PATTERN, message = StagingDatabaseName.MESSAGE)
        @Schema(description = "Name of the staging database on the SQL Server instance", examples = "sales_staging")
        String stagingDatabaseName,
        @NotNull @Schema(description = "RESTORING: updated by restoring backups WITH NORECOVERY; ONLINE: usable online "
                + "(e.g. a BACPAC import). Fixed at link time.", examples = "RESTORING") DatabaseStateMode databaseStateMode,
        @NotNull @Schema(description = "The staging environment", examples = "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10")
        UUID environmentId,
        @NotNull @Schema(description = "The SQL Server instance (repository) on that environment",
                examples = "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45") UUID repositoryId,
        @Size(max = 200) @Schema(examples = "finance") String targetGroup,
        @Size(max = 4000) @Schema(examples = "fed nightly from the sales backups") String notes,
        @Valid @Size(max = 20) List<@NotNull @Valid HookRequest> hooks,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "must be lower-case letters, digits, '.', '_' or '-'")
        @Schema(description = "The plugin that provides the dSource type", defaultValue = "mssql-staging-push",
                examples = "mssql-staging-push") String pluginId,
        @Schema(description = "A SnapSync policy (of snapshot-service) the dSource follows from its link: its default "
                + "policy", examples = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d") UUID syncPolicyId) {
}
