package io.timeflow.staging.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RepositoryRequest", description = "A SQL Server instance to add to a staging environment")
public record RepositoryRequest(
        @NotBlank @Size(max = 128) @Schema(description = "Instance name; MSSQLSERVER for the default instance",
                examples = "MSSQLSERVER") String name,
        @Size(max = 64) @Schema(description = "SQL Server version", examples = "15.0.4153.1") String version,
        @Min(1) @Max(65535) @Schema(description = "TCP port, when not the default", examples = "1433") Integer port) {
}
