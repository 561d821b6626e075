package io.timeflow.staging.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EnvironmentUpdateRequest",
        description = "Settings of a staging environment to change; absent fields stay as they are. Mount bases already "
                + "assigned keep the connector path they were made with.")
public record EnvironmentUpdateRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        @Schema(examples = "sqlstage-01") String name,
        @Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        @Schema(examples = "sqlstage-01.corp.example") String host,
        @Size(min = 1, max = 64) @Schema(description = "IANA time zone of the host", examples = "Europe/Berlin") String timeZone,
        @Size(min = 1, max = 1024) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        @Schema(description = "Delphix connector path on the host, for new mounts",
                examples = "D:\\DelphixConnector") String connectorPath) {
}
