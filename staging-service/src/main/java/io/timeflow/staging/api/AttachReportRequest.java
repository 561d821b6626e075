package io.timeflow.staging.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AttachReportRequest", description = "The staging-host agent's report of attaching the staging database "
        + "(after a link, an attach or an enable). FAILED raises a WARNING fault ATTACH_FAILED and makes the next enable "
        + "succeed with the warning SKIP_ATTACH_OPERATION; ATTACHED resolves the fault.")
public record AttachReportRequest(
        @NotNull @Schema(examples = "FAILED") Outcome status,
        @Size(max = 2000) @Schema(description = "Why it failed (never a credential)",
                examples = "a database named sales_staging exists on the instance and is not managed by Timeflow")
        String reason) {

    /** What the agent saw. */
    @Schema(name = "AttachOutcome")
    public enum Outcome { ATTACHED, FAILED }
}
