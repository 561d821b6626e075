package io.timeflow.staging.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FileMove", description = "A MOVE option: where a logical file of the backup is restored to")
public record FileMoveRequest(
        @NotBlank @Size(max = 128) @Schema(examples = "SourceDB4") String logicalName,
        @NotBlank @Size(max = 1024) @Schema(description = "Must lie directly in the mount's DB directory",
                examples = "C:\\Program Files\\Delphix\\DelphixConnector\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\DATA\\DB\\sp.mdf")
        String physicalName) {
}
