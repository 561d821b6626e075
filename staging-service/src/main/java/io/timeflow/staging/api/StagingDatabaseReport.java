package io.timeflow.staging.api;

import io.timeflow.events.staging.DatabaseState;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StagingDatabaseReport", description = "What the staging-host agent observes: the state from "
        + "sys.databases, whether the mount's DATA directory is mounted, and the database files present "
        + "(sys.master_files). MISSING when the database does not exist.")
public record StagingDatabaseReport(
        @NotNull @Schema(examples = "RESTORING") DatabaseState state,
        @NotNull @Schema(description = "Whether the mount's DATA directory is mounted", examples = "true") Boolean dataMounted,
        @NotNull @Size(max = 256) @Schema(description = "Database files present",
                examples = "[\"C:\\\\Program Files\\\\Delphix\\\\DelphixConnector\\\\ec2197b2-e0c6-48d2-bd14-265e6fa9b5ab-Staging-1\\\\DATA\\\\DB\\\\sp.mdf\"]")
        List<@NotBlank @Size(max = 1024) String> files,
        @Schema(description = "When it was observed; now when absent. An observation older than the last one is refused.",
                examples = "2026-11-23T08:02:00Z") Instant observedAt) {
}
