package io.timeflow.staging.api;

import io.timeflow.staging.domain.Environment;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Environment", description = "A registered staging host")
public record EnvironmentView(
        @Schema(examples = "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10") UUID id,
        @Schema(examples = "sqlstage-01") String name,
        @Schema(examples = "sqlstage-01.corp.example") String host,
        @Schema(examples = "WINDOWS") Environment.OsType osType,
        @Schema(description = "IANA time zone of the host; snapshot times are shown in it", examples = "Europe/Paris")
        String timeZone,
        @Schema(description = "Delphix connector path on the host",
                examples = "C:\\Program Files\\Delphix\\DelphixConnector") String connectorPath,
        @Schema(examples = "2026-11-23T08:00:00Z") Instant createdAt,
        @Schema(examples = "2026-11-23T08:00:00Z") Instant updatedAt) {

    static EnvironmentView of(Environment e) {
        return new EnvironmentView(e.id(), e.name(), e.host(), e.osType(), e.timeZone(), e.connectorPath(),
                e.createdAt(), e.updatedAt());
    }
}
