package io.timeflow.staging.api;

import io.timeflow.events.staging.DatabaseStateMode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AttachRequest", description = "Where to link a detached dSource again. The staging database may get a new "
        + "name; the file names stay. Give the database state the dSource was linked with: another one is accepted here, "
        + "but enabling then fails with DATABASE_STATE_CHANGED.")
public record AttachRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = StagingDatabaseName.PATTERN, message = StagingDatabaseName.MESSAGE)
        @Schema(examples = "sales_staging_2") String stagingDatabaseName,
        @NotNull @Schema(examples = "RESTORING") DatabaseStateMode databaseStateMode,
        @NotNull @Schema(examples = "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10") UUID environmentId,
        @NotNull @Schema(examples = "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45") UUID repositoryId) {
}
