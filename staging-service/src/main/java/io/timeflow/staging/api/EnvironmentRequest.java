package io.timeflow.staging.api;

import io.timeflow.staging.domain.Environment;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EnvironmentRequest", description = "A staging host to register")
public record EnvironmentRequest(
        @NotBlank @Size(max = 200) @Schema(examples = "sqlstage-01") String name,
        @NotBlank @Size(max = 255) @Schema(examples = "sqlstage-01.corp.example") String host,
        @NotNull @Schema(examples = "WINDOWS") Environment.OsType osType,
        @NotBlank @Size(max = 64) @Schema(description = "IANA time zone of the host", examples = "Europe/Paris") String timeZone,
        @NotBlank @Size(max = 1024) @Schema(description = "Delphix connector path on the host",
                examples = "C:\\Program Files\\Delphix\\DelphixConnector") String connectorPath) {
}
