package io.timeflow.staging.api;

import io.timeflow.events.staging.StorageState;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StorageReportRequest", description = "The storage agent's report: the dSource's storage paused at its "
        + "critical threshold, or running (resumed). After a resume LOG restores are refused until a FULL or DIFFERENTIAL "
        + "restore re-bases the database.")
public record StorageReportRequest(
        @NotNull @Schema(examples = "PAUSED_AT_CRITICAL_THRESHOLD") StorageState state) {
}
