package io.timeflow.staging.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AttachReportRequest", description = "The staging-host agent's report of attaching the staging database "
        + "outside an agent task (agents report attach tasks at /api/v1/agents/{name}/tasks/{taskId}/report). FAILED raises "
        + "a WARNING fault ATTACH_FAILED; ATTACHED resolves it. An enable attempts the attach again through the agent.")
public record AttachReportRequest(
        @NotNull @Schema(examples = "FAILED") Outcome status,
        @Size(max = 2000) @Schema(description = "Why it failed (never a credential)",
                examples = "a database named sales_staging exists on the instance and is not managed by Timeflow")
        String reason) {

    /** What the agent saw. */
    @Schema(name = "AttachOutcome")
    public enum Outcome { ATTACHED, FAILED }
}
