package io.timeflow.staging.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RestoreFailRequest", description = "A restore failed on the staging host; the chain stays where it was")
public record RestoreFailRequest(
        @NotBlank @Size(max = 2000) @Schema(description = "What SQL Server said (never a credential)",
                examples = "Msg 3013: RESTORE LOG is terminating abnormally") String reason,
        @Schema(description = "When it failed; now when absent", examples = "2026-11-23T08:01:00Z") Instant failedAt) {
}
