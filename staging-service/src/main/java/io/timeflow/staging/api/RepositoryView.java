package io.timeflow.staging.api;

import io.timeflow.staging.domain.SqlInstance;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Repository", description = "A SQL Server instance on a staging environment")
public record RepositoryView(
        @Schema(examples = "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45") UUID id,
        @Schema(examples = "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10") UUID environmentId,
        @Schema(examples = "MSSQLSERVER") String name,
        @Schema(examples = "15.0.4153.1") String version,
        @Schema(examples = "1433") Integer port,
        @Schema(examples = "2026-11-23T08:00:00Z") Instant createdAt) {

    static RepositoryView of(SqlInstance i) {
        return new RepositoryView(i.id(), i.environmentId(), i.name(), i.version(), i.port(), i.createdAt());
    }
}
